<?cs # rights_user.cs: a colleague's roles (checkboxes for an admin; roles they may not grant are shown but
   fixed) and what the colleague may do, with the role that gives each right. ?><?cs set:Page.title = Lang.Rights.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Rights.title ?>: <?cs var:Page.u.name ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?><?cs if:Page.quota_link ?> <a href="/quota" id="quota-link"><?cs var:Lang.Rights.quota_link ?></a><?cs /if ?></p><?cs /if ?>
<form method="post" action="/rights/users/<?cs var:Page.u.id ?>" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<fieldset><legend><?cs var:Lang.Users.roles ?></legend>
<?cs each:ro = Page.roles ?><label class="check"><input type="checkbox" <?cs if:!ro.fixed ?>name="role" <?cs /if ?>value="<?cs var:ro.id ?>" aria-describedby="what-<?cs var:ro.id ?>" id="role-<?cs var:ro.id ?>"<?cs if:ro.held ?> checked<?cs /if ?><?cs if:ro.fixed ?> disabled<?cs /if ?>> <?cs var:ro.name ?></label>
<p class="hint role-what" id="what-<?cs var:ro.id ?>"><?cs var:ro.what ?></p>
<?cs if:ro.keep ?><input type="hidden" name="role" value="<?cs var:ro.id ?>"><?cs /if ?>
<?cs /each ?></fieldset>
<?cs if:Page.manage ?><p class="hint"><?cs var:Lang.Rights.hint ?><?cs if:Page.quota_usable ?> <a href="/quota" class="quota-link"><?cs var:Lang.Rights.quota_link ?></a><?cs /if ?></p>
<button type="submit"><?cs var:Lang.Users.save ?></button><?cs /if ?>
</form>
<section class="card" aria-labelledby="h-can">
<h2 id="h-can"><?cs var:Lang.Rights.can ?></h2>
<?cs if:subcount(Page.rights) ?><ul id="can"><?cs each:x = Page.rights ?><li><?cs var:x.label ?> <span class="hint">(<?cs var:Lang.Rights.via ?> <?cs var:x.why ?>)</span></li>
<?cs /each ?></ul><?cs else ?><p><?cs var:Lang.Rights.nothing ?></p><?cs /if ?>
</section>
<section class="card" aria-labelledby="h-where">
<h2 id="h-where"><?cs var:Lang.Rights.where ?></h2>
<?cs if:Page.profile ?><p><?cs var:Lang.Dossiers.profile ?>: <strong id="profile"><?cs var:Page.profile ?></strong>. <?cs var:Lang.Rights.profile_all ?></p><?cs /if ?>
<?cs if:subcount(Page.dossiers) ?><?cs each:d = Page.dossiers ?><h3><?cs var:d.name ?></h3>
<ul class="dossier-rights" id="dossier-<?cs var:d.id ?>"><?cs each:x = d.rights ?><li class="<?cs if:x.capped ?>no<?cs else ?>yes<?cs /if ?>"><?cs var:x.label ?><?cs if:x.capped ?> <span class="hint">— <?cs var:Lang.Rights.capped ?> <?cs var:x.capped ?></span><?cs /if ?></li><?cs /each ?>
<?cs if:!subcount(d.rights) ?><li><?cs var:Lang.Rights.no_profile ?></li><?cs /if ?></ul>
<?cs /each ?><?cs else ?><p><?cs var:Lang.Rights.no_dossiers ?></p><?cs /if ?><?cs include:"keyset_pages.cs" ?>
</section>
<p><a href="/users/<?cs var:Page.u.id ?>"><?cs var:Lang.Rights.back ?></a></p>
<?cs include:"footer.cs" ?>
