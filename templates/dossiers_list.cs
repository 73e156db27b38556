<?cs # dossiers_list.cs: the dossiers the user is assigned to (all of the organisation's for dossiers.manage),
   and for dossiers.manage the form for a new dossier. ?><?cs set:Page.title = Lang.Dossiers.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Dossiers.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:Page.profile ?><p id="my-profile"><?cs var:Lang.Dossiers.my_profile ?> <strong><?cs var:Page.profile ?></strong>. <?cs var:Lang.Dossiers.one_profile ?></p>
<?cs elif:!Page.manage ?><p><?cs var:Lang.Dossiers.no_profile ?></p><?cs /if ?>
<?cs if:Page.q || Page.next || Page.first ?><form method="get" action="/dossiers" class="filters" id="dossier-search"><label for="q"><?cs var:Lang.Dossiers.search ?></label>
<input type="search" id="q" name="q" maxlength="100" value="<?cs var:Page.q ?>"><button type="submit"><?cs var:Lang.Users.filter ?></button><?cs if:Page.q ?> <a href="/dossiers"><?cs var:Lang.Dossiers.all ?></a><?cs /if ?></form><?cs /if ?>
<?cs if:subcount(Page.dossiers) ?>
<table class="list" id="dossiers"><caption class="sr-only"><?cs var:Lang.Dossiers.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dossiers.name ?></th><th scope="col"><?cs var:Lang.Dossiers.modules ?></th><th scope="col"><?cs var:Lang.Dossiers.responsible ?></th><th scope="col"><?cs var:Lang.Dossiers.members ?></th></tr></thead>
<tbody><?cs each:d = Page.dossiers ?><tr><td><a href="/dossiers/<?cs var:d.id ?>"><?cs var:d.name ?></a></td><td><?cs var:d.modules ?></td><td><?cs var:d.responsible ?></td><td><?cs var:d.members ?></td></tr>
<?cs /each ?></tbody></table>
<?cs include:"keyset_pages.cs" ?>
<?cs elif:Page.q ?><p id="no-dossiers-found"><?cs var:Lang.Dossiers.none_found ?></p>
<?cs else ?><p id="no-dossiers"><?cs var:Lang.Dossiers.none ?></p><?cs /if ?>
<p><a href="/dossiers/requests" id="requests-link"><?cs var:Lang.Dossiers.requests_title ?></a></p>
<?cs if:Page.manage ?><?cs set:Page.pick_action = "/dossiers" ?><?cs include:"people_search.cs" ?>
<form method="post" action="/dossiers" class="card" aria-labelledby="h-new">
<h2 id="h-new"><?cs var:Lang.Dossiers.new ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="name"><?cs var:Lang.Dossiers.name ?></label>
<input type="text" id="name" name="name" required minlength="2" maxlength="200">
<label for="responsible"><?cs var:Lang.Dossiers.responsible ?></label>
<select id="responsible" name="responsible"><option value=""><?cs var:Lang.Dossiers.nobody ?></option>
<?cs each:u = Page.people ?><option value="<?cs var:u.id ?>"><?cs var:u.name ?> (<?cs var:u.email ?>)</option><?cs /each ?></select>
<fieldset><legend><?cs var:Lang.Dossiers.modules ?></legend>
<?cs each:m = Page.modules ?><label class="check"><input type="checkbox" name="<?cs var:m.key ?>" value="1"<?cs if:m.on ?> checked<?cs /if ?>> <?cs var:m.label ?></label>
<?cs /each ?><p class="hint"><?cs var:Lang.Dossiers.modules_hint ?></p></fieldset>
<button type="submit"><?cs var:Lang.Dossiers.create ?></button>
</form><?cs /if ?>
<?cs include:"footer.cs" ?>
