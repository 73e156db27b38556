<?cs # rights_index.cs: the roles the organisation may use (its role set), what each allows, and the number of
   holders; the quota page for the role it limits. ?><?cs set:Page.title = Lang.Rights.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Rights.title ?></h1>
<p><?cs var:Lang.Rights.intro ?></p>
<div class="table-wrap"><table id="roles">
<thead><tr><th scope="col"><?cs var:Lang.Rights.role ?></th><th scope="col"><?cs var:Lang.Rights.allows ?></th><th scope="col"><?cs var:Lang.Rights.holders ?></th></tr></thead>
<tbody>
<?cs each:ro = Page.roles ?><tr id="role-<?cs var:ro.id ?>"><td><a href="/rights/roles/<?cs var:ro.id ?>"><?cs var:ro.name ?></a><?cs if:ro.kind == "profile" ?> <span class="tag"><?cs var:Lang.Rights.profile ?></span><?cs /if ?></td><td><?cs var:ro.what ?><?cs if:ro.quota ?> <a href="/quota" class="quota-link"><?cs var:Lang.Rights.quota_link ?></a><?cs /if ?></td><td><?cs var:ro.holders ?></td></tr>
<?cs /each ?></tbody></table></div>
<p class="hint"><?cs var:Lang.Rights.more_roles ?></p>
<p><a href="/users"><?cs var:Lang.Users.back ?></a></p>
<?cs include:"footer.cs" ?>
