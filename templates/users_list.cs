<?cs # users_list.cs: Gebruikersbeheer, the overview: the holiday checklist, filters, the colleagues, the
   next-page link (keyset: the cursor is the last row's sort key and id). Filters live in the query string.
   A row's roles, status and last login arrive as ready texts: a page of 50 rows stays cheap to render. ?><?cs set:Page.title = Lang.Users.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Users.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<section class="card checklist" aria-labelledby="h-check">
<h2 id="h-check"><?cs var:Lang.Users.check_title ?></h2>
<?cs if:Page.check.ok ?><p id="check-ok"><?cs var:Lang.Users.check_ok ?></p><?cs else ?>
<ul>
<?cs include:"checklist.cs" ?>
</ul><?cs /if ?>
</section>
<p class="toolbar"><?cs if:Page.manage ?><a class="button" href="/users/new"><?cs var:Lang.Users.add ?></a>
<a class="button secondary" href="/users/import"><?cs var:Lang.Users.import ?></a><?cs /if ?>
<a class="button secondary" href="<?cs var:Page.export ?>" id="export-link"><?cs var:Lang.Users.export ?></a>
<a class="button secondary" href="/rights"><?cs var:Lang.Users.all_roles_link ?></a></p>
<form method="get" action="/users" class="filters" role="search">
<div class="field"><label for="q"><?cs var:Lang.Users.search ?></label>
<input id="q" name="q" type="search" maxlength="100" value="<?cs var:Page.q ?>"></div>
<div class="field"><label for="role"><?cs var:Lang.Users.role ?></label>
<select id="role" name="role"><option value=""><?cs var:Lang.Users.any ?></option>
<?cs each:ro = Cat.tenant_roles ?><?cs if:string.find(Page.usable, "," + ro.id + ",") != -1 ?><option value="<?cs var:ro.id ?>"<?cs if:ro.id == Page.role ?> selected<?cs /if ?>><?cs var:ro.name ?></option><?cs /if ?><?cs /each ?>
</select></div>
<div class="field"><label for="status"><?cs var:Lang.Users.status ?></label>
<select id="status" name="status"><option value=""><?cs var:Lang.Users.any ?></option>
<option value="invited"<?cs if:Page.status == "invited" ?> selected<?cs /if ?>><?cs var:Lang.Users.st_invited ?></option>
<option value="active"<?cs if:Page.status == "active" ?> selected<?cs /if ?>><?cs var:Lang.Users.st_active ?></option>
<option value="disabled"<?cs if:Page.status == "disabled" ?> selected<?cs /if ?>><?cs var:Lang.Users.st_disabled ?></option>
</select></div>
<input type="hidden" name="sort" value="<?cs var:Page.sort ?>">
<button type="submit"><?cs var:Lang.Users.filter ?></button>
</form>
<?cs if:Page.check_mobile ?><p class="info"><?cs var:Lang.Users.showing_unconfirmed ?> <a href="/users"><?cs var:Lang.Users.show_all ?></a></p><?cs /if ?>
<?cs if:Page.manage ?><form method="post" action="/users/bulk" id="bulk">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><?cs /if ?>
<div class="table-wrap">
<table class="users">
<caption class="sr-only"><?cs var:Lang.Users.title ?></caption>
<thead><tr>
<?cs if:Page.manage ?><th scope="col"><span class="sr-only"><?cs var:Lang.Users.select ?></span></th><?cs /if ?>
<th scope="col"<?cs if:Page.sort == "name" ?> aria-sort="ascending"<?cs /if ?>><a href="<?cs var:Page.sort_link.name ?>"><?cs var:Lang.Users.col_name ?></a></th>
<th scope="col"<?cs if:Page.sort == "email" ?> aria-sort="ascending"<?cs /if ?>><a href="<?cs var:Page.sort_link.email ?>"><?cs var:Lang.Users.col_email ?></a></th>
<th scope="col"><?cs var:Lang.Users.col_mobile ?></th>
<th scope="col"><?cs var:Lang.Users.col_roles ?></th>
<th scope="col"><?cs var:Lang.Users.col_status ?></th>
<th scope="col"<?cs if:Page.sort == "login" ?> aria-sort="descending"<?cs /if ?>><a href="<?cs var:Page.sort_link.login ?>"><?cs var:Lang.Users.col_login ?></a></th>
</tr></thead>
<tbody>
<?cs each:u = Page.users ?><tr>
<?cs if:Page.manage ?><td><input type="checkbox" name="id" value="<?cs var:u.id ?>" id="sel-<?cs var:u.id ?>" aria-label="<?cs var:Lang.Users.select ?> <?cs var:u.name ?>"></td><?cs /if ?>
<td><a href="/users/<?cs var:u.id ?>"><?cs var:u.name ?></a><?cs if:u.expert ?> <span class="tag"><?cs var:Lang.Users.expert ?></span><?cs /if ?></td>
<td><?cs var:u.email ?></td>
<td><?cs if:u.mobile ?><?cs var:u.mobile ?><?cs if:!u.mobile_ok ?> <span class="tag warn"><?cs var:Lang.Users.unconfirmed ?></span><?cs /if ?><?cs else ?><span class="tag warn"><?cs var:Lang.Users.no_mobile ?></span><?cs /if ?></td>
<td><?cs var:u.roles ?></td>
<td><?cs var:u.status ?></td>
<td><?cs var:u.last_login ?></td>
</tr><?cs /each ?>
</tbody>
</table>
</div>
<?cs if:Page.manage ?><p class="bulk"><label for="bulk-action"><?cs var:Lang.Users.bulk_label ?></label>
<select id="bulk-action" name="action" class="inline">
<option value="disable"><?cs var:Lang.Users.disable ?></option>
<option value="invite"><?cs var:Lang.Users.resend_invite ?></option>
<option value="remove"><?cs var:Lang.Users.remove ?></option>
</select>
<button type="submit" class="secondary"><?cs var:Lang.Users.bulk_submit ?></button></p>
</form><?cs /if ?>
<?cs if:Page.count == 0 ?><p id="no-results"><?cs var:Lang.Users.none_found ?></p><?cs /if ?>
<nav class="pages" aria-label="<?cs var:Lang.Users.pages ?>">
<?cs if:Page.first ?><a href="<?cs var:Page.first ?>"><?cs var:Lang.Users.first_page ?></a><?cs /if ?>
<?cs if:Page.next ?><a href="<?cs var:Page.next ?>" rel="next" id="next-page"><?cs var:Lang.Users.next_page ?></a><?cs /if ?>
</nav>
<?cs include:"footer.cs" ?>
