<?cs # backoffice.cs: the back office (document 002) and AIP's client view (000): Page.view is index (the
   modules the user may open), list (a module's records, the new-record form with the create right),
   record (one record, editable with the change right; products: their steps, approval and publication) or position (current account). ?><?cs set:Page.title = Lang.Backoffice.title ?><?cs include:"header.cs" ?>
<?cs if:Page.view != "index" ?><p class="crumbs"><a href="/backoffice"><?cs var:Lang.Backoffice.title ?></a> ›<?cs if:Page.view == "record" ?> <a href="/backoffice/<?cs var:Page.mod ?>"><?cs var:Page.mod_label ?></a> ›<?cs /if ?></p><?cs /if ?>
<h1><?cs if:Page.view == "index" ?><?cs var:Lang.Backoffice.title ?><?cs elif:Page.view == "record" ?><?cs var:Page.rec.ref ?> — <?cs var:Page.rec.title ?><?cs else ?><?cs var:Page.mod_label ?><?cs /if ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs def:record_form(action, button, r) ?><form method="post" action="<?cs var:action ?>" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><?cs if:Page.once ?><input type="hidden" name="once" value="<?cs var:Page.once ?>"><?cs /if ?>
<label for="ref"><?cs var:Lang.Backoffice.ref ?></label><input type="text" id="ref" name="ref" required maxlength="40" value="<?cs var:r.ref ?>">
<label for="title"><?cs var:Lang.Backoffice.rec_title ?></label><input type="text" id="title" name="title" required minlength="2" maxlength="200" value="<?cs var:r.title ?>">
<?cs if:Page.money ?><label for="amount"><?cs var:Lang.Backoffice.amount ?></label><input type="text" id="amount" name="amount" maxlength="20" inputmode="decimal" value="<?cs var:r.amount_input ?>"><?cs /if ?>
<label for="note"><?cs var:Lang.Backoffice.note ?></label><textarea id="note" name="note" maxlength="2000" rows="3"><?cs var:r.note ?></textarea>
<button type="submit"><?cs var:button ?></button></form><?cs /def ?>
<?cs if:Page.view == "index" ?>
<?cs if:subcount(Page.modules) ?><ul id="modules"><?cs each:m = Page.modules ?><li><a href="/backoffice/<?cs var:m.path ?>"><?cs var:m.label ?></a> <span class="hint">(<?cs var:m.level ?>)</span></li><?cs /each ?></ul>
<?cs else ?><p id="no-modules"><?cs var:Lang.Backoffice.none ?></p><?cs /if ?>
<?cs elif:Page.view == "list" ?>
<?cs if:Page.readonly ?><p class="hint"><?cs var:Lang.Backoffice.readonly ?></p><?cs /if ?>
<?cs if:subcount(Page.records) ?><table class="list" id="records"><thead><tr><th scope="col"><?cs var:Lang.Backoffice.ref ?></th><th scope="col"><?cs var:Lang.Backoffice.rec_title ?></th><?cs if:Page.money ?><th scope="col"><?cs var:Lang.Backoffice.amount ?></th><?cs /if ?><?cs if:Page.steps ?><th scope="col"><?cs var:Lang.Backoffice.status ?></th><?cs /if ?></tr></thead>
<tbody><?cs each:x = Page.records ?><tr><td><?cs if:Page.readonly ?><?cs var:x.ref ?><?cs else ?><a href="/backoffice/<?cs var:Page.mod ?>/<?cs var:x.id ?>"><?cs var:x.ref ?></a><?cs /if ?></td><td><?cs var:x.title ?></td><?cs if:Page.money ?><td><?cs var:x.amount ?></td><?cs /if ?><?cs if:Page.steps ?><td><?cs var:x.status ?></td><?cs /if ?></tr>
<?cs /each ?></tbody></table><?cs else ?><p><?cs var:Lang.Backoffice.empty ?></p><?cs /if ?>
<?cs if:Page.older || Page.newest ?><p class="pages"><?cs if:Page.newest ?><a href="<?cs var:Page.newest ?>" id="newest-records"><?cs var:Lang.Backoffice.newest ?></a><?cs /if ?><?cs if:Page.older && Page.newest ?> · <?cs /if ?><?cs if:Page.older ?><a href="<?cs var:Page.older ?>" rel="next" id="older-records"><?cs var:Lang.Backoffice.older ?></a><?cs /if ?></p><?cs /if ?>
<?cs if:Page.can_create ?><h2><?cs var:Lang.Backoffice.new ?></h2><?cs call:record_form("/backoffice/" + Page.mod, Lang.Backoffice.create, Page.none) ?><?cs /if ?>
<?cs elif:Page.view == "record" ?>
<dl class="facts"><?cs if:Page.money ?><dt><?cs var:Lang.Backoffice.amount ?></dt><dd><?cs var:Page.rec.amount ?></dd><?cs /if ?><?cs if:Page.steps ?><dt><?cs var:Lang.Backoffice.status ?></dt><dd id="status"><?cs var:Page.rec.status_label ?></dd><?cs /if ?><dt><?cs var:Lang.Backoffice.note ?></dt><dd><?cs if:Page.rec.note ?><?cs var:Page.rec.note ?><?cs else ?><span class="hint"><?cs var:Lang.Backoffice.no_note ?></span><?cs /if ?></dd></dl>
<?cs if:Page.can_change ?><?cs call:record_form("/backoffice/" + Page.mod + "/" + Page.rec.id, Lang.Users.save, Page.rec) ?><?cs else ?><p class="hint" id="view-only"><?cs var:Lang.Backoffice.view_only ?></p><?cs /if ?>
<?cs if:Page.mod == "products" ?><section class="card" aria-labelledby="h-steps"><h2 id="h-steps"><?cs var:Lang.Backoffice.steps ?></h2>
<p><?cs var:Lang.Backoffice.status ?>: <strong id="rec-status"><?cs var:Page.rec.status_label ?></strong></p>
<?cs def:step(id, label, x) ?><?cs if:x.when ?><li id="step-<?cs var:id ?>"><?cs var:label ?>: <?cs var:x.who ?>, <?cs var:x.when ?></li><?cs /if ?><?cs /def ?>
<ol id="steps"><?cs call:step("created", Lang.Backoffice.step_created, Page.rec.steps.created) ?><?cs call:step("changed", Lang.Backoffice.step_changed, Page.rec.steps.changed) ?><?cs call:step("approved", Lang.Backoffice.step_approved, Page.rec.steps.approved) ?><?cs call:step("published", Lang.Backoffice.step_published, Page.rec.steps.published) ?></ol>
<p class="hint"><?cs var:Lang.Backoffice.approve_intro ?></p>
<?cs if:(Page.can_approve && Page.rec.status == "draft") || (Page.can_publish && Page.rec.status == "test") ?><?cs if:Page.rec.maker ?><p class="info" id="own-product"><?cs var:Lang.Backoffice.four_eyes_own ?></p>
<?cs elif:Page.rec.status == "draft" ?><form method="post" action="/backoffice/products/<?cs var:Page.rec.id ?>/approve"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" id="approve"><?cs var:Lang.Backoffice.approve ?></button></form>
<?cs else ?><form method="post" action="/backoffice/products/<?cs var:Page.rec.id ?>/publish"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" id="publish"><?cs var:Lang.Backoffice.publish ?></button></form><?cs /if ?><?cs /if ?>
</section><?cs /if ?>
<?cs elif:Page.view == "position" ?>
<table class="list" id="records"><thead><tr><th scope="col"><?cs var:Lang.Backoffice.kind ?></th><th scope="col"><?cs var:Lang.Backoffice.ref ?></th><th scope="col"><?cs var:Lang.Backoffice.rec_title ?></th><th scope="col"><?cs var:Lang.Backoffice.amount ?></th></tr></thead>
<tbody><?cs each:x = Page.records ?><tr><td><?cs var:x.kind ?></td><td><?cs var:x.ref ?></td><td><?cs var:x.title ?></td><td><?cs var:x.amount ?></td></tr><?cs /each ?></tbody>
<tfoot><tr><th scope="row" colspan="3"><?cs var:Lang.Backoffice.balance ?> (<span id="entries"><?cs var:Page.total_count ?></span> <?cs var:Lang.Backoffice.entries ?>)</th><td id="balance"><?cs var:Page.total ?></td></tr></tfoot></table>
<?cs include:"keyset_pages.cs" ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
