<?cs # rights_catalogue.cs: the vendor's role catalogue (catalogue.manage). Page.view: index (every role with the
   role sets that hold it, and a form for a new one) or role (a role's names, rights of its kind's scope, on
   request, its role sets). Which sets a customer uses is set on its page under Organisaties. ?><?cs set:Page.title = Lang.Catalogue.title ?><?cs include:"header.cs" ?>
<?cs if:Page.view != "index" ?><p class="crumbs"><a href="/rights/catalogue"><?cs var:Lang.Catalogue.title ?></a> ›</p><?cs /if ?>
<h1><?cs if:Page.view == "role" ?><?cs var:Lang.Rights.role ?>: <?cs var:Page.role.name_nl ?><?cs else ?><?cs var:Lang.Catalogue.title ?><?cs /if ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:Page.view == "index" ?>
<p><?cs var:Lang.Catalogue.intro ?></p>
<div class="table-wrap"><table class="list" id="roles"><thead><tr><th scope="col"><?cs var:Lang.Rights.role ?></th><th scope="col"><?cs var:Lang.Catalogue.kind ?></th><th scope="col"><?cs var:Lang.Catalogue.nrights ?></th><th scope="col"><?cs var:Lang.Catalogue.sets ?></th></tr></thead>
<tbody><?cs each:ro = Page.roles ?><tr id="cat-role-<?cs var:ro.id ?>"><td><a href="/rights/catalogue/roles/<?cs var:ro.id ?>"><?cs var:ro.name ?></a></td><td><?cs var:ro.kind ?></td><td><?cs var:ro.nrights ?></td><td><?cs if:ro.core ?><?cs var:Lang.Catalogue.core ?><?cs elif:ro.sets ?><?cs var:ro.sets ?><?cs /if ?><?cs if:ro.on_request ?><?cs if:ro.core || ro.sets ?>; <?cs /if ?><?cs var:Lang.Catalogue.on_request_short ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table></div>
<form method="post" action="/rights/catalogue/roles" class="card" aria-labelledby="h-new">
<h2 id="h-new"><?cs var:Lang.Catalogue.new ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="key"><?cs var:Lang.Catalogue.key ?></label><input type="text" id="key" name="key" required minlength="3" maxlength="64" pattern="[a-z][a-z0-9_]*" aria-describedby="key-hint">
<p class="hint" id="key-hint"><?cs var:Lang.Catalogue.key_hint ?></p>
<label for="kind"><?cs var:Lang.Catalogue.kind ?></label><select id="kind" name="kind"><option value="org"><?cs var:Lang.Catalogue.kind_org ?></option><option value="profile"><?cs var:Lang.Catalogue.kind_profile ?></option><option value="vendor"><?cs var:Lang.Catalogue.kind_vendor ?></option></select>
<label for="name_nl"><?cs var:Lang.Catalogue.name_nl ?></label><input type="text" id="name_nl" name="name_nl" required minlength="2" maxlength="100">
<label for="name_en"><?cs var:Lang.Catalogue.name_en ?></label><input type="text" id="name_en" name="name_en" required minlength="2" maxlength="100">
<label class="check"><input type="checkbox" name="on_request" value="1"> <?cs var:Lang.Catalogue.on_request ?></label>
<fieldset><legend><?cs var:Lang.Catalogue.in_sets ?></legend><?cs each:x = Page.sets ?><label class="check"><input type="checkbox" name="set" value="<?cs var:x.id ?>"> <?cs var:x.name ?></label><?cs /each ?></fieldset>
<p class="hint"><?cs var:Lang.Catalogue.new_hint ?></p>
<button type="submit"><?cs var:Lang.Catalogue.create ?></button></form>
<?cs elif:Page.view == "role" ?>
<form method="post" action="/rights/catalogue/roles/<?cs var:Page.role.id ?>" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<p><?cs var:Lang.Catalogue.kind ?>: <?cs var:Page.role.kind ?> · <?cs var:Lang.Catalogue.key ?>: <code><?cs var:Page.role.key ?></code></p>
<label for="name_nl"><?cs var:Lang.Catalogue.name_nl ?></label><input type="text" id="name_nl" name="name_nl" required minlength="2" maxlength="100" value="<?cs var:Page.role.name_nl ?>">
<label for="name_en"><?cs var:Lang.Catalogue.name_en ?></label><input type="text" id="name_en" name="name_en" required minlength="2" maxlength="100" value="<?cs var:Page.role.name_en ?>">
<label class="check"><input type="checkbox" name="on_request" value="1"<?cs if:Page.role.on_request ?> checked<?cs /if ?>> <?cs var:Lang.Catalogue.on_request ?></label>
<?cs if:Page.role.core ?><p id="core"><?cs var:Lang.Catalogue.core_hint ?></p><?cs /if ?>
<?cs if:subcount(Page.sets) ?><fieldset><legend><?cs var:Lang.Catalogue.in_sets ?></legend><?cs each:x = Page.sets ?><label class="check"><input type="checkbox" name="set" value="<?cs var:x.id ?>" id="set-<?cs var:x.id ?>"<?cs if:x.on ?> checked<?cs /if ?>> <?cs var:x.name ?></label><?cs /each ?>
<p class="hint"><?cs var:Lang.Catalogue.sets_hint ?></p></fieldset><?cs /if ?>
<fieldset><legend><?cs var:Lang.Rights.gives ?></legend>
<?cs each:x = Page.rights ?><label class="check"><input type="checkbox" name="right" value="<?cs var:x.id ?>" id="right-<?cs var:x.key ?>"<?cs if:x.held ?> checked<?cs /if ?>> <?cs var:x.label ?></label>
<?cs /each ?></fieldset>
<p class="hint"><?cs var:Lang.Catalogue.save_hint ?></p>
<button type="submit"><?cs var:Lang.Users.save ?></button></form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
