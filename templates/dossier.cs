<?cs # dossier.cs: one dossier: the sections the user may open (Page.nav) and the one asked for (Page.section):
   overview (what the user can do here and why), settings, documents (inbox and upload), archive, payments,
   reports, finance. Every action is a POST with the CSRF token; the server checks each again. ?><?cs set:Page.title = Lang.Dossiers.sec_overview ?><?cs each:s = Page.nav ?><?cs if:Page.section == s.key ?><?cs set:Page.title = s.label ?><?cs /if ?><?cs /each ?><?cs set:Page.context = Page.d.name ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/dossiers"><?cs var:Lang.Dossiers.title ?></a> ›</p>
<h1><?cs var:Page.d.name ?></h1>
<nav class="tabs" aria-label="<?cs var:Lang.Dossiers.sections ?>"><a href="/dossiers/<?cs var:Page.d.id ?>"<?cs if:Page.section == "overview" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Dossiers.sec_overview ?></a>
<?cs each:s = Page.nav ?><a href="/dossiers/<?cs var:Page.d.id ?>/<?cs var:s.key ?>" id="nav-<?cs var:s.key ?>"<?cs if:Page.section == s.key ?> aria-current="page"<?cs /if ?>><?cs var:s.label ?></a>
<?cs /each ?></nav>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs def:doc_pages() ?><?cs if:Page.older || Page.newest ?><p class="pages"><?cs if:Page.newest ?><a href="<?cs var:Page.newest ?>" id="newest-docs"><?cs var:Lang.Dossiers.newest ?></a><?cs /if ?><?cs if:Page.older && Page.newest ?> · <?cs /if ?><?cs if:Page.older ?><a href="<?cs var:Page.older ?>" rel="next" id="older-docs"><?cs var:Lang.Dossiers.older ?></a><?cs /if ?></p><?cs /if ?><?cs /def ?>
<?cs def:doc_table(docs, actions) ?><?cs if:subcount(docs) ?>
<table class="list" id="docs"><thead><tr><th scope="col"><?cs var:Lang.Dossiers.doc ?></th><th scope="col"><?cs var:Lang.Dossiers.by ?></th><th scope="col"><?cs var:Lang.Dossiers.state ?></th><?cs if:actions ?><th scope="col"><?cs var:Lang.Dossiers.actions ?></th><?cs /if ?></tr></thead>
<tbody><?cs each:x = docs ?><tr id="doc-<?cs var:x.id ?>"><td><a href="/dossiers/<?cs var:Page.d.id ?>/download?doc=<?cs var:x.id ?>"><?cs var:x.name ?></a> <span class="hint">(<?cs var:x.size ?>)</span></td>
<td><?cs var:x.uploader ?>, <?cs var:x.when ?></td>
<td><?cs if:x.paid ?><?cs var:Lang.Dossiers.paid ?> <?cs var:x.paid ?><?cs elif:x.processed ?><?cs var:Lang.Dossiers.processed ?> <?cs var:x.processed ?><?cs elif:x.approved ?><?cs var:Lang.Dossiers.approved_by ?> <?cs var:x.approver ?><?cs elif:x.approver ?><?cs var:Lang.Dossiers.awaiting ?> <?cs var:x.approver ?><?cs else ?><?cs var:Lang.Dossiers.new_doc ?><?cs /if ?></td>
<?cs if:actions == "inbox" ?><td>
<?cs if:x.approve_me ?><form method="post" action="/dossiers/<?cs var:Page.d.id ?>/approve" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="doc" value="<?cs var:x.id ?>"><button type="submit"><?cs var:Lang.Dossiers.approve ?></button></form><?cs /if ?>
<?cs if:Page.process ?><form method="post" action="/dossiers/<?cs var:Page.d.id ?>/process" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="doc" value="<?cs var:x.id ?>"><button type="submit"><?cs var:Lang.Dossiers.process ?></button></form><?cs /if ?>
<?cs if:subcount(Page.people) && !x.processed ?><input type="radio" name="doc" value="<?cs var:x.id ?>" form="forward-form" id="fw-<?cs var:x.id ?>"> <label for="fw-<?cs var:x.id ?>"><?cs var:Lang.Dossiers.forward_pick ?></label><?cs /if ?>
</td><?cs elif:actions == "payments" ?><td><?cs if:!x.paid ?><form method="post" action="/dossiers/<?cs var:Page.d.id ?>/paid" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="doc" value="<?cs var:x.id ?>"><button type="submit"><?cs var:Lang.Dossiers.mark_paid ?></button></form><?cs /if ?></td><?cs /if ?>
</tr>
<?cs /each ?></tbody></table>
<?cs else ?><p id="no-docs"><?cs var:Lang.Dossiers.no_docs ?></p><?cs /if ?><?cs /def ?>
<?cs if:Page.section == "overview" ?>
<section class="card" aria-labelledby="h-about"><h2 id="h-about"><?cs var:Lang.Dossiers.about ?></h2>
<dl><dt><?cs var:Lang.Dossiers.responsible ?></dt><dd><?cs if:Page.d.responsible ?><?cs var:Page.d.responsible ?> (<?cs var:Page.d.responsible_email ?>)<?cs else ?><?cs var:Lang.Dossiers.nobody ?><?cs /if ?></dd>
<dt><?cs var:Lang.Dossiers.modules ?></dt><dd><?cs each:m = Page.d.modules ?><?cs if:m.on ?><span class="tag"><?cs var:m.label ?></span> <?cs /if ?><?cs /each ?></dd>
<dt><?cs var:Lang.Dossiers.members ?></dt><dd><?cs var:Page.d.members ?></dd></dl></section>
<section class="card" aria-labelledby="h-why"><h2 id="h-why"><?cs var:Lang.Dossiers.what_here ?></h2>
<?cs if:Page.profile && Page.assigned ?><p><?cs var:Lang.Dossiers.my_profile ?> <strong><?cs var:Page.profile ?></strong>. <?cs var:Lang.Dossiers.one_profile ?></p>
<?cs elif:!Page.assigned ?><p><?cs var:Lang.Dossiers.not_assigned ?></p><?cs /if ?>
<ul id="why"><?cs each:w = Page.why ?><li class="<?cs if:w.held ?>yes<?cs else ?>no<?cs /if ?>"><?cs if:w.held ?>✔<?cs else ?>✘<?cs /if ?> <?cs var:w.label ?> <span class="hint">— <?cs var:w.how ?></span></li>
<?cs /each ?></ul></section>
<p><a href="/dossiers/<?cs var:Page.d.id ?>/request" id="request-account"><?cs var:Lang.Dossiers.request_title ?></a></p>
<?cs elif:Page.section == "request" ?>
<form method="post" action="/dossiers/<?cs var:Page.d.id ?>/request" class="card" aria-labelledby="h-req">
<h2 id="h-req"><?cs var:Lang.Dossiers.request_title ?></h2>
<p><?cs var:Lang.Dossiers.request_intro_in ?></p>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="given_name"><?cs var:Lang.Dossiers.req_given ?></label><input type="text" id="given_name" name="given_name" required maxlength="100">
<label for="family_name"><?cs var:Lang.Dossiers.req_family ?></label><input type="text" id="family_name" name="family_name" required maxlength="100">
<label for="email"><?cs var:Lang.Dossiers.req_email ?></label><input type="email" id="email" name="email" required maxlength="254">
<label for="profile"><?cs var:Lang.Dossiers.req_profile ?></label><select id="profile" name="profile"><option value=""><?cs var:Lang.Dossiers.req_profile_any ?></option><?cs each:p = Page.profiles ?><option value="<?cs var:p.id ?>"><?cs var:p.name ?></option><?cs /each ?></select>
<label for="note"><?cs var:Lang.Dossiers.req_note ?></label><textarea id="note" name="note" maxlength="1000" rows="3"></textarea>
<button type="submit"><?cs var:Lang.Dossiers.request_submit ?></button>
</form>
<?cs elif:Page.section == "documents" ?>
<form method="post" action="/dossiers/<?cs var:Page.d.id ?>/documents" enctype="multipart/form-data" class="card" aria-labelledby="h-up">
<h2 id="h-up"><?cs var:Lang.Dossiers.upload ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="file"><?cs var:Lang.Dossiers.file ?></label>
<input type="file" id="file" name="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" required aria-describedby="file-hint">
<p class="hint" id="file-hint"><?cs var:Lang.Dossiers.file_hint ?> <?cs var:Page.max_mb ?> MB.</p>
<button type="submit"><?cs var:Lang.Dossiers.upload_submit ?></button>
</form>
<h2><?cs if:Page.process ?><?cs var:Lang.Dossiers.inbox ?><?cs else ?><?cs var:Lang.Dossiers.inbox_mine ?><?cs /if ?></h2>
<?cs call:doc_table(Page.docs, "inbox") ?><?cs call:doc_pages() ?>
<?cs # one form for forwarding, its colleagues listed once: the rows' radio buttons belong to it (form=) ?>
<?cs if:subcount(Page.docs) ?><?cs set:Page.pick_action = "/dossiers/" + Page.d.id + "/documents" ?><?cs set:Page.pick_more_text = Lang.Dossiers.forward_more ?><?cs set:Page.pick_none_text = Lang.Dossiers.forward_none ?><?cs include:"people_search.cs" ?><?cs /if ?>
<?cs if:subcount(Page.people) && subcount(Page.docs) ?><form method="post" action="/dossiers/<?cs var:Page.d.id ?>/forward" class="card" id="forward-form">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><p class="hint"><?cs var:Lang.Dossiers.forward_hint ?></p>
<label for="forward-to"><?cs var:Lang.Dossiers.forward_to ?></label><select id="forward-to" name="to"><?cs each:u = Page.people ?><option value="<?cs var:u.id ?>"><?cs var:u.name ?></option><?cs /each ?></select>
<button type="submit"><?cs var:Lang.Dossiers.forward ?></button></form><?cs /if ?>
<?cs elif:Page.section == "archive" ?>
<h2><?cs var:Lang.Dossiers.sec_archive ?></h2><?cs call:doc_table(Page.docs, "") ?><?cs call:doc_pages() ?>
<?cs elif:Page.section == "payments" ?>
<h2><?cs var:Lang.Dossiers.sec_payments ?></h2><p class="hint"><?cs var:Lang.Dossiers.payments_intro ?></p><?cs call:doc_table(Page.docs, "payments") ?><?cs call:doc_pages() ?>
<?cs elif:Page.section == "reports" ?>
<h2><?cs var:Lang.Dossiers.sec_reports ?></h2>
<dl id="stats"><dt><?cs var:Lang.Dossiers.st_inbox ?></dt><dd><?cs var:Page.stats.inbox ?></dd>
<dt><?cs var:Lang.Dossiers.st_processed ?></dt><dd><?cs var:Page.stats.processed ?></dd>
<dt><?cs var:Lang.Dossiers.st_awaiting ?></dt><dd><?cs var:Page.stats.awaiting ?></dd>
<dt><?cs var:Lang.Dossiers.st_unpaid ?></dt><dd><?cs var:Page.stats.unpaid ?></dd></dl>
<?cs if:subcount(Page.months) ?><table class="list"><thead><tr><th scope="col"><?cs var:Lang.Dossiers.month ?></th><th scope="col"><?cs var:Lang.Dossiers.received ?></th><th scope="col"><?cs var:Lang.Dossiers.st_processed ?></th></tr></thead>
<tbody><?cs each:m = Page.months ?><tr><td><?cs var:m.month ?></td><td><?cs var:m.received ?></td><td><?cs var:m.processed ?></td></tr><?cs /each ?></tbody></table><?cs /if ?>
<?cs elif:Page.section == "finance" ?>
<h2><?cs var:Lang.Dossiers.sec_finance ?></h2>
<?cs if:subcount(Page.accounts) ?><ul id="accounts"><?cs each:a = Page.accounts ?><li><?cs var:a.label ?>: <code><?cs var:a.iban ?></code></li><?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Dossiers.no_accounts ?></p><?cs /if ?>
<?cs elif:Page.section == "settings" ?><?cs set:Page.pick_action = "/dossiers/" + Page.d.id + "/settings" ?><?cs include:"people_search.cs" ?>
<form method="post" action="/dossiers/<?cs var:Page.d.id ?>/settings" class="card" aria-labelledby="h-set">
<h2 id="h-set"><?cs var:Lang.Dossiers.sec_settings ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="name"><?cs var:Lang.Dossiers.name ?></label>
<input type="text" id="name" name="name" required minlength="2" maxlength="200" value="<?cs var:Page.d.name ?>">
<label for="responsible"><?cs var:Lang.Dossiers.responsible ?></label>
<select id="responsible" name="responsible"><option value=""><?cs var:Lang.Dossiers.nobody ?></option>
<?cs if:Page.keep_responsible ?><option value="<?cs var:Page.d.responsible_id ?>" selected><?cs var:Page.d.responsible ?> (<?cs var:Page.d.responsible_email ?>)</option><?cs /if ?>
<?cs each:u = Page.people ?><option value="<?cs var:u.id ?>"<?cs if:u.id == Page.d.responsible_id ?> selected<?cs /if ?>><?cs var:u.name ?> (<?cs var:u.email ?>)</option><?cs /each ?></select>
<?cs if:Page.manage ?><fieldset><legend><?cs var:Lang.Dossiers.modules ?></legend>
<?cs each:m = Page.d.modules ?><label class="check"><input type="checkbox" name="<?cs var:m.key ?>" value="1"<?cs if:m.on ?> checked<?cs /if ?>> <?cs var:m.label ?></label>
<?cs /each ?><p class="hint"><?cs var:Lang.Dossiers.modules_hint ?></p></fieldset>
<?cs else ?><p class="hint"><?cs var:Lang.Dossiers.modules_by_admin ?></p><?cs /if ?>
<button type="submit"><?cs var:Lang.Users.save ?></button>
</form>
<section class="card" aria-labelledby="h-members"><h2 id="h-members"><?cs var:Lang.Dossiers.members ?></h2>
<?cs if:Page.no_admin ?><p class="warning" id="no-admin"><?cs var:Lang.Dossiers.no_admin ?></p><?cs /if ?>
<?cs if:Page.manage ?><p class="warning" id="profile-warning"><?cs var:Lang.Dossiers.profile_warning ?></p><?cs /if ?>
<?cs if:subcount(Page.members) ?><table class="list" id="members"><thead><tr><th scope="col"><?cs var:Lang.Users.col_name ?></th><th scope="col"><?cs var:Lang.Dossiers.profile ?></th><th scope="col"><?cs var:Lang.Dossiers.actions ?></th></tr></thead>
<tbody><?cs each:u = Page.members ?><tr><td><?cs var:u.name ?> <span class="hint">(<?cs var:u.email ?>, <?cs var:u.status ?>)</span></td>
<td><?cs if:Page.manage ?><form method="post" action="/dossiers/<?cs var:Page.d.id ?>/profile" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="user" value="<?cs var:u.id ?>">
<label for="profile-<?cs var:u.id ?>" class="sr-only"><?cs var:Lang.Dossiers.profile ?></label><select id="profile-<?cs var:u.id ?>" name="profile"><option value="0"><?cs var:Lang.Dossiers.no_profile_opt ?></option><?cs each:p = Page.profiles ?><option value="<?cs var:p.id ?>"<?cs if:p.id == u.profile_id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
<button type="submit"><?cs var:Lang.Dossiers.profile_save ?></button></form><?cs else ?><?cs var:u.profile ?><?cs /if ?></td>
<td><form method="post" action="/dossiers/<?cs var:Page.d.id ?>/unassign" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="user" value="<?cs var:u.id ?>"><button type="submit" class="link"><?cs var:Lang.Dossiers.unassign ?></button></form></td></tr>
<?cs /each ?></tbody></table><?cs else ?><p><?cs var:Lang.Dossiers.no_members ?></p><?cs /if ?>
<?cs include:"keyset_pages.cs" ?>
<form method="post" action="/dossiers/<?cs var:Page.d.id ?>/assign" class="inline-form">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="assign-user"><?cs var:Lang.Dossiers.assign ?></label>
<?cs if:subcount(Page.assignable) ?><select id="assign-user" name="user"><?cs each:u = Page.assignable ?><option value="<?cs var:u.id ?>"><?cs var:u.name ?> (<?cs var:u.email ?>)</option><?cs /each ?></select>
<?cs if:Page.manage && subcount(Page.profiles) ?><label for="assign-profile"><?cs var:Lang.Dossiers.assign_profile ?></label><select id="assign-profile" name="profile"><option value="0"><?cs var:Lang.Dossiers.no_profile_opt ?></option><?cs each:p = Page.profiles ?><option value="<?cs var:p.id ?>"<?cs if:p.default ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select><?cs /if ?>
<button type="submit"><?cs var:Lang.Dossiers.assign_submit ?></button><?cs if:Page.assignable_more ?><p class="hint"><?cs var:Lang.Dossiers.pick_more ?></p><?cs /if ?><?cs else ?><p id="none-to-assign"><?cs var:Lang.Dossiers.none_to_assign ?></p><?cs /if ?></form>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
