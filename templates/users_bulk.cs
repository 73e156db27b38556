<?cs # users_bulk.cs: a bulk action on selected colleagues: first the confirmation (the rows, a button),
   then each row's result (done, or why not: the last-admin rule is checked per row). ?><?cs set:Page.title = Lang.Users.bulk_title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Users.bulk_title ?>: <?cs if:Page.action == "disable" ?><?cs var:Lang.Users.disable ?><?cs elif:Page.action == "invite" ?><?cs var:Lang.Users.resend_invite ?><?cs else ?><?cs var:Lang.Users.remove ?><?cs /if ?></h1>
<?cs if:Page.confirm ?><p role="status" id="bulk-summary"><?cs var:Page.done ?> / <?cs var:Page.total ?> <?cs var:Lang.Users.bulk_done ?></p><?cs else ?><p><?cs var:Lang.Users.bulk_confirm_intro ?></p><?cs /if ?>
<div class="table-wrap"><table>
<thead><tr><th scope="col"><?cs var:Lang.Users.col_name ?></th><th scope="col"><?cs var:Lang.Users.col_email ?></th><?cs if:Page.confirm ?><th scope="col"><?cs var:Lang.Users.bulk_result ?></th><?cs /if ?></tr></thead>
<tbody>
<?cs each:row = Page.rows ?><tr id="row-<?cs var:row.id ?>"><td><?cs var:row.name ?></td><td><?cs var:row.email ?></td>
<?cs if:Page.confirm ?><td class="<?cs if:row.ok ?>ok<?cs else ?>error<?cs /if ?>"><?cs var:row.result ?></td><?cs elif:row.result ?><td class="error"><?cs var:row.result ?></td><?cs /if ?></tr>
<?cs /each ?></tbody></table></div>
<?cs if:!Page.confirm ?><form method="post" action="/users/bulk">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<input type="hidden" name="action" value="<?cs var:Page.action ?>">
<input type="hidden" name="confirm" value="1">
<?cs each:row = Page.rows ?><input type="hidden" name="id" value="<?cs var:row.id ?>">
<?cs /each ?><button type="submit"<?cs if:Page.action == "remove" ?> class="danger"<?cs /if ?>><?cs var:Lang.Users.bulk_go ?></button>
<a href="/users"><?cs var:Lang.Users.cancel ?></a>
</form><?cs /if ?>
<p><a href="/users"><?cs var:Lang.Users.back ?></a></p>
<?cs include:"footer.cs" ?>
