<?cs # audit.cs: the organisation's audit log with filters (colleague, action, dates) and keyset pages. ?><?cs set:Page.title = Lang.Audit.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Audit.title ?></h1>
<form method="get" action="/audit" class="filters">
<div class="field"><label for="event"><?cs var:Lang.Audit.event ?></label>
<select id="event" name="event"><option value=""><?cs var:Lang.Users.any ?></option>
<?cs each:e = Page.events ?><option value="<?cs var:e.code ?>"<?cs if:e.code == Page.event ?> selected<?cs /if ?>><?cs var:e.words ?></option><?cs /each ?>
</select></div>
<div class="field"><label for="from"><?cs var:Lang.Audit.from ?></label>
<input id="from" name="from" type="date" value="<?cs var:Page.from ?>"></div>
<div class="field"><label for="to"><?cs var:Lang.Audit.to ?></label>
<input id="to" name="to" type="date" value="<?cs var:Page.to ?>"></div>
<?cs if:Page.user ?><input type="hidden" name="user" value="<?cs var:Page.user ?>"><?cs /if ?>
<button type="submit"><?cs var:Lang.Users.filter ?></button>
</form>
<?cs if:Page.user ?><p><?cs var:Lang.Audit.one_user ?> <a href="/audit"><?cs var:Lang.Audit.everyone ?></a></p><?cs /if ?>
<div class="table-wrap"><table class="audit">
<thead><tr><th scope="col"><?cs var:Lang.Audit.when ?></th><th scope="col"><?cs var:Lang.Audit.event ?></th><th scope="col"><?cs var:Lang.Audit.actor ?></th><th scope="col"><?cs var:Lang.Audit.subject ?></th><th scope="col"><?cs var:Lang.Audit.detail ?></th><th scope="col"><?cs var:Lang.Account.address ?></th></tr></thead>
<tbody>
<?cs each:row = Page.rows ?><tr>
<td class="when"><?cs var:row.at ?></td><td><?cs var:row.event ?></td>
<td><?cs if:row.actor_id ?><a href="/audit?user=<?cs var:row.actor_id ?>"><?cs if:row.actor ?><?cs var:row.actor ?><?cs else ?><?cs var:Lang.Audit.gone ?> (#<?cs var:row.actor_id ?>)<?cs /if ?></a><?cs else ?><?cs var:row.actor ?><?cs /if ?></td>
<td><?cs if:row.user_id ?><a href="/audit?user=<?cs var:row.user_id ?>"><?cs if:row.user ?><?cs var:row.user ?><?cs else ?><?cs var:Lang.Audit.gone ?> (#<?cs var:row.user_id ?>)<?cs /if ?></a><?cs /if ?></td>
<td class="detail"<?cs if:!row.words && row.detail ?> lang="en"<?cs /if ?>><?cs var:row.detail ?></td><td><?cs var:row.addr ?></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs if:Page.count == 0 ?><p id="no-results"><?cs var:Lang.Audit.none ?></p><?cs /if ?>
<nav class="pages" aria-label="<?cs var:Lang.Users.pages ?>">
<?cs if:Page.first ?><a href="<?cs var:Page.first ?>"><?cs var:Lang.Users.first_page ?></a><?cs /if ?>
<?cs if:Page.next ?><a href="<?cs var:Page.next ?>" rel="next"><?cs var:Lang.Users.next_page ?></a><?cs /if ?>
</nav>
<?cs include:"footer.cs" ?>
