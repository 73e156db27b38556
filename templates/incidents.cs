<?cs # incidents.cs: Incidenten. Page.view: list (one's own or the organisation's; the vendor's queue), new (the
   form with its one-time token and an optional attachment), incident (details, attachments, the thread, reply;
   close for the organisation; take and status for support) or no_right (which role, and who can grant it). ?><?cs if:Page.view == "incident" ?><?cs set:Page.title = "#" + Page.i.id + " " + Page.i.title ?><?cs elif:Page.view == "new" ?><?cs set:Page.title = Lang.Incidents.new ?><?cs elif:Page.queue ?><?cs set:Page.title = Lang.Incidents.queue ?><?cs else ?><?cs set:Page.title = Lang.Incidents.title ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs if:Page.view == "incident" || Page.view == "new" ?><p class="crumbs"><a href="/incidents"><?cs var:Lang.Incidents.title ?></a> ›</p><?cs /if ?>
<h1><?cs if:Page.view == "incident" ?>#<?cs var:Page.i.id ?> <?cs var:Page.i.title ?><?cs elif:Page.view == "new" ?><?cs var:Lang.Incidents.new ?><?cs elif:Page.queue ?><?cs var:Lang.Incidents.queue ?><?cs else ?><?cs var:Lang.Incidents.title ?><?cs /if ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error && !subcount(Form.errors) ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:Page.view == "no_right" ?>
<p id="no-right"><?cs var:Lang.Incidents.no_right ?> <strong><?cs var:Page.role ?></strong>.</p>
<?cs if:subcount(Page.admins) ?><p><?cs var:Lang.Incidents.ask ?></p><ul id="admins"><?cs each:a = Page.admins ?><li><?cs var:a ?></li><?cs /each ?></ul><?cs /if ?>
<p class="hint"><?cs var:Lang.Incidents.why_role ?> <a href="/quota" id="quota-link"><?cs var:Lang.Rights.quota_link ?></a></p>
<?cs elif:Page.view == "list" ?>
<?cs if:Page.can_submit ?><p><a href="/incidents/new" class="button" id="new-incident"><?cs var:Lang.Incidents.new ?></a></p><?cs /if ?>
<form method="get" action="<?cs if:Page.queue ?>/incidents/queue<?cs else ?>/incidents<?cs /if ?>" class="filters">
<label for="q"><?cs var:Lang.Incidents.search ?></label><input type="search" id="q" name="q" maxlength="100" value="<?cs var:Page.f.q ?>">
<label for="status"><?cs var:Lang.Incidents.status ?></label><select id="status" name="status"><option value=""><?cs var:Lang.Users.any ?></option><?cs each:s = Page.statuses ?><option value="<?cs var:s.key ?>"<?cs if:s.key == Page.f.status ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select>
<?cs if:Page.all ?><label for="by"><?cs var:Lang.Incidents.submitter ?></label><select id="by" name="by"><option value=""><?cs var:Lang.Users.any ?></option><?cs each:p = Page.people ?><option value="<?cs var:p.id ?>"<?cs if:p.id == Page.f.by ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
<?cs if:Page.people_more || Page.who ?><label for="who"><?cs var:Lang.Incidents.who_search ?></label><input type="search" id="who" name="who" maxlength="100" value="<?cs var:Page.who ?>"><?cs /if ?><?cs /if ?>
<button type="submit"><?cs var:Lang.Users.filter ?></button></form>
<?cs if:Page.people_more ?><p class="hint" id="people-more"><?cs var:Lang.Incidents.who_more ?></p><?cs elif:Page.who && !subcount(Page.people) ?><p class="hint" id="people-none"><?cs var:Lang.Incidents.who_none ?></p><?cs /if ?>
<?cs if:subcount(Page.incidents) ?><div class="table-wrap"><table class="list" id="incidents"><thead><tr><th scope="col">#</th><th scope="col"><?cs var:Lang.Incidents.subject ?></th><?cs if:Page.queue ?><th scope="col"><?cs var:Lang.Incidents.org ?></th><?cs /if ?><th scope="col"><?cs var:Lang.Incidents.submitter ?></th><th scope="col"><?cs var:Lang.Incidents.status ?></th><th scope="col"><?cs var:Lang.Incidents.priority ?></th><th scope="col"><?cs var:Lang.Incidents.age ?></th></tr></thead>
<tbody><?cs each:x = Page.incidents ?><tr><td><?cs var:x.id ?></td><td><a href="/incidents/<?cs var:x.id ?>"><?cs var:x.title ?></a></td><?cs if:Page.queue ?><td><?cs var:x.org ?></td><?cs /if ?><td><?cs var:x.submitter ?></td><td><?cs var:x.status ?></td><td><?cs var:x.priority ?></td><td><?cs var:x.age ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs elif:!Page.window_end ?><p id="no-incidents"><?cs var:Lang.Incidents.none ?></p><?cs /if ?>
<?cs if:Page.window_end ?><p class="hint" id="window-end"><?cs var:Lang.Incidents.window ?> <?cs var:Page.window_end ?>.</p><?cs /if ?>
<?cs if:Page.next ?><p><a href="<?cs var:Page.next ?>" rel="next" id="next-page"><?cs if:Page.window_end ?><?cs var:Lang.Incidents.search_on ?><?cs else ?><?cs var:Lang.Incidents.older ?><?cs /if ?></a></p><?cs /if ?>
<?cs elif:Page.view == "new" ?>
<form method="post" action="/incidents/new" enctype="multipart/form-data" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="form" value="<?cs var:Page.form ?>">
<label for="title"><?cs var:Lang.Incidents.subject ?></label><input type="text" id="title" name="title" required minlength="3" maxlength="200" value="<?cs var:Form.v.title ?>"<?cs call:field_invalid("title") ?>>
<?cs call:field_error("title") ?>
<label for="body"><?cs var:Lang.Incidents.body ?></label><textarea id="body" name="body" required minlength="5" maxlength="10000" rows="8"<?cs call:field_invalid("body") ?>><?cs var:Form.v.body ?></textarea>
<?cs call:field_error("body") ?>
<label for="category"><?cs var:Lang.Incidents.category ?></label><select id="category" name="category"><?cs each:c = Page.categories ?><option value="<?cs var:c.key ?>"><?cs var:c.label ?></option><?cs /each ?></select>
<label for="priority"><?cs var:Lang.Incidents.priority ?></label><select id="priority" name="priority"><?cs each:c = Page.priorities ?><option value="<?cs var:c.key ?>"<?cs if:c.key == "normal" ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /each ?></select>
<label for="file"><?cs var:Lang.Incidents.file ?></label><input type="file" id="file" name="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" aria-describedby="file-hint">
<p class="hint" id="file-hint"><?cs var:Lang.Dossiers.file_hint ?> <?cs var:Page.max_mb ?> MB.</p>
<button type="submit"><?cs var:Lang.Incidents.submit ?></button></form>
<?cs elif:Page.view == "incident" ?>
<dl class="facts"><dt><?cs var:Lang.Incidents.status ?></dt><dd id="status"><?cs var:Page.i.status ?></dd>
<dt><?cs var:Lang.Incidents.org ?></dt><dd><?cs var:Page.i.org ?></dd>
<dt><?cs var:Lang.Incidents.submitter ?></dt><dd><?cs var:Page.i.submitter ?>, <?cs var:Page.i.created ?></dd>
<dt><?cs var:Lang.Incidents.category ?></dt><dd><?cs var:Page.i.category ?></dd>
<dt><?cs var:Lang.Incidents.priority ?></dt><dd><?cs var:Page.i.priority ?></dd>
<?cs if:Page.i.handler ?><dt><?cs var:Lang.Incidents.handler ?></dt><dd><?cs var:Page.i.handler ?></dd><?cs /if ?></dl>
<section class="card"><p class="pre"><?cs var:Page.i.body ?></p>
<?cs if:subcount(Page.files) ?><ul id="files"><?cs each:f = Page.files ?><li><a href="/incidents/<?cs var:Page.i.id ?>/file?f=<?cs var:f.id ?>"><?cs var:f.name ?></a></li><?cs /each ?></ul><?cs /if ?></section>
<?cs if:Page.earlier || Page.latest ?><p class="pages"><?cs if:Page.earlier ?><a href="<?cs var:Page.earlier ?>" id="earlier-msgs"><?cs var:Lang.Incidents.earlier ?></a><?cs /if ?><?cs if:Page.earlier && Page.latest ?> · <?cs /if ?><?cs if:Page.latest ?><a href="<?cs var:Page.latest ?>" id="latest-msgs"><?cs var:Lang.Incidents.latest ?></a><?cs /if ?></p><?cs /if ?>
<ol class="thread" id="thread"><?cs each:m = Page.msgs ?><li class="<?cs if:m.vendor ?>vendor<?cs else ?>customer<?cs /if ?>"><p class="hint"><?cs var:m.author ?><?cs if:m.vendor ?> (<?cs var:Lang.Incidents.support ?>)<?cs /if ?>, <?cs var:m.when ?></p><p class="pre"><?cs var:m.body ?></p></li>
<?cs /each ?></ol>
<?cs if:Page.can_reply ?><form method="post" action="/incidents/<?cs var:Page.i.id ?>/reply" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="reply"><?cs var:Lang.Incidents.reply ?></label><textarea id="reply" name="body" required maxlength="10000" rows="4"><?cs var:Form.v.body ?></textarea>
<?cs if:Page.vendor ?><label for="reply-status"><?cs var:Lang.Incidents.reply_status ?></label><select id="reply-status" name="status"><option value=""><?cs var:Lang.Incidents.reply_status_same ?></option><?cs each:s = Page.statuses ?><?cs if:s.key != Page.i.status_key && s.key != "new" ?><option value="<?cs var:s.key ?>"<?cs if:s.key == "waiting" ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /if ?><?cs /each ?></select><?cs /if ?>
<button type="submit"><?cs var:Lang.Incidents.send ?></button></form><?cs /if ?>
<?cs if:Page.can_close ?><form method="post" action="/incidents/<?cs var:Page.i.id ?>/close" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit"><?cs var:Lang.Incidents.close ?></button></form><?cs /if ?>
<?cs if:Page.vendor ?><form method="post" action="/incidents/<?cs var:Page.i.id ?>/take" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit"><?cs var:Lang.Incidents.take ?></button></form>
<form method="post" action="/incidents/<?cs var:Page.i.id ?>/status" class="inline-form"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="set-status"><?cs var:Lang.Incidents.status ?></label><select id="set-status" name="status"><?cs each:s = Page.statuses ?><option value="<?cs var:s.key ?>"<?cs if:s.key == Page.i.status_key ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select>
<button type="submit"><?cs var:Lang.Incidents.set_status ?></button></form><?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
