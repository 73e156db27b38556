<?cs # support.cs: temporary access for the vendor's support desk (ACC-07). Page.view: list (the organisation's
   grants, 50 a page newest first, and the form for a new one), grant (one grant: details, the confirmation
   with a code from the app while prepared, revoke while active, and what support did under it) or desk (the
   vendor's side: every customer's active grant, to work in: 100 a page, a search by name). ?><?cs if:Page.view == "desk" ?><?cs set:Page.title = Lang.Support.desk ?><?cs else ?><?cs set:Page.title = Lang.Support.title ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs if:Page.view == "grant" ?><p class="crumbs"><a href="/support"><?cs var:Lang.Support.title ?></a> ›</p><?cs /if ?>
<h1><?cs if:Page.view == "grant" ?><?cs var:Lang.Support.grant ?> #<?cs var:Page.grant.id ?><?cs else ?><?cs var:Page.title ?><?cs /if ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:Page.view == "list" ?>
<p><?cs var:Lang.Support.intro ?></p>
<?cs if:Page.active ?><p class="warning" id="active"><?cs var:Lang.Support.has_active ?> <a href="/support/grants/<?cs var:Page.active ?>"><?cs var:Lang.Support.grant ?> #<?cs var:Page.active ?></a></p><?cs /if ?>
<?cs if:subcount(Page.grants) ?><div class="table-wrap"><table class="list" id="grants"><thead><tr><th scope="col"><?cs var:Lang.Support.grant ?></th><th scope="col"><?cs var:Lang.Support.state ?></th><th scope="col"><?cs var:Lang.Support.scope ?></th><th scope="col"><?cs var:Lang.Support.until_shown ?></th><th scope="col"><?cs var:Lang.Support.by ?></th><th scope="col"><?cs var:Lang.Support.requests ?></th></tr></thead>
<tbody><?cs each:g = Page.grants ?><tr id="grant-<?cs var:g.id ?>"><td><a href="/support/grants/<?cs var:g.id ?>">#<?cs var:g.id ?></a></td><td class="state-<?cs var:g.state ?>"><?cs var:g.state_text ?></td><td><?cs var:g.scope_text ?>, <?cs var:g.hours ?> <?cs if:g.hours == 1 ?><?cs var:Lang.Support.hour_unit ?><?cs else ?><?cs var:Lang.Support.hours_unit ?><?cs /if ?></td><td><?cs var:g.expires ?></td><td><?cs var:g.by ?></td><td><?cs var:g.requests ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs if:Page.older || Page.before ?><p class="pages"><?cs if:Page.before ?><a href="/support" id="newest-grants"><?cs var:Lang.Support.newest_grants ?></a><?cs /if ?><?cs if:Page.older && Page.before ?> · <?cs /if ?><?cs if:Page.older ?><a href="/support?before=<?cs var:Page.older ?>" rel="next" id="older-grants"><?cs var:Lang.Support.older_grants ?></a><?cs /if ?></p><?cs /if ?>
<?cs else ?><p id="no-grants"><?cs var:Lang.Support.none ?></p><?cs /if ?>
<form method="post" action="/support" class="card" aria-labelledby="h-new"><h2 id="h-new"><?cs var:Lang.Support.new ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<?cs if:!Page.has_app ?><p class="warning" id="need-app"><?cs var:Lang.Support.need_app ?> <a href="/account/totp"><?cs var:Lang.Totp.title ?></a></p><?cs /if ?>
<fieldset><legend><?cs var:Lang.Support.scope ?></legend>
<label class="check"><input type="radio" name="scope" value="read"<?cs if:Page.form.scope != "write" ?> checked<?cs /if ?>> <?cs var:Lang.Support.scope_read ?></label>
<label class="check"><input type="radio" name="scope" value="write"<?cs if:Page.form.scope == "write" ?> checked<?cs /if ?>> <?cs var:Lang.Support.scope_write ?></label>
<p class="hint"><?cs var:Lang.Support.scope_hint ?></p></fieldset>
<label for="hours"><?cs var:Lang.Support.hours ?></label><input type="number" id="hours" name="hours" required min="1" max="72" value="<?cs var:Page.form.hours ?>">
<label for="reason"><?cs var:Lang.Support.reason ?></label><textarea id="reason" name="reason" maxlength="300" rows="2"><?cs var:Page.form.reason ?></textarea>
<button type="submit"<?cs if:!Page.has_app ?> disabled<?cs /if ?>><?cs var:Lang.Support.prepare ?></button></form>
<?cs elif:Page.view == "grant" ?>
<dl class="facts" id="grant"><dt><?cs var:Lang.Support.state ?></dt><dd id="state" class="state-<?cs var:Page.grant.state ?>"><?cs var:Page.grant.state_text ?></dd>
<dt><?cs var:Lang.Support.scope ?></dt><dd id="scope"><?cs var:Page.grant.scope_text ?></dd>
<dt><?cs var:Lang.Support.duration ?></dt><dd id="hours"><?cs var:Page.grant.hours ?> <?cs if:Page.grant.hours == 1 ?><?cs var:Lang.Support.hour_unit ?><?cs else ?><?cs var:Lang.Support.hours_unit ?><?cs /if ?></dd>
<?cs if:Page.grant.confirmed ?><dt><?cs var:Lang.Support.from ?></dt><dd><?cs var:Page.grant.confirmed ?></dd>
<dt><?cs var:Lang.Support.until_shown ?></dt><dd id="until"><?cs var:Page.grant.expires ?></dd><?cs /if ?>
<dt><?cs var:Lang.Support.reason_shown ?></dt><dd><?cs var:Page.grant.reason ?></dd>
<dt><?cs var:Lang.Support.by ?></dt><dd><?cs var:Page.grant.by ?></dd>
<?cs if:Page.grant.first_used ?><dt><?cs var:Lang.Support.first_used ?></dt><dd><?cs var:Page.grant.first_used ?></dd><?cs /if ?>
<?cs if:Page.grant.revoked ?><dt><?cs var:Lang.Support.revoked ?></dt><dd><?cs var:Page.grant.revoked ?> (<?cs var:Page.grant.revoked_by ?>)</dd><?cs /if ?></dl>
<?cs if:Page.grant.confirmable ?><form method="post" action="/support/grants/<?cs var:Page.grant.id ?>/confirm" class="card" aria-labelledby="h-confirm"><h2 id="h-confirm"><?cs var:Lang.Support.confirm ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<input type="hidden" name="scope" value="<?cs var:Page.grant.scope ?>"><input type="hidden" name="hours" value="<?cs var:Page.grant.hours ?>">
<p><?cs var:Lang.Support.confirm_intro ?></p>
<label for="code"><?cs var:Lang.Support.code ?></label><input type="text" id="code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code">
<button type="submit"><?cs var:Lang.Support.confirm_button ?></button></form><?cs /if ?>
<?cs if:Page.grant.state == "active" || Page.grant.confirmable ?><form method="post" action="/support/grants/<?cs var:Page.grant.id ?>/revoke" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="danger" id="revoke"><?cs if:Page.grant.state == "active" ?><?cs var:Lang.Support.revoke ?><?cs else ?><?cs var:Lang.Support.drop ?><?cs /if ?></button></form><?cs /if ?>
<?cs if:Page.grant.confirmed ?><h2><?cs var:Lang.Support.log ?></h2>
<?cs if:subcount(Page.log) ?><div class="table-wrap"><table class="list" id="log"><thead><tr><th scope="col"><?cs var:Lang.Support.when ?></th><th scope="col"><?cs var:Lang.Support.who ?></th><th scope="col"><?cs var:Lang.Support.what ?></th></tr></thead>
<tbody><?cs each:e = Page.log ?><tr><td><?cs var:e.at ?></td><td><?cs var:e.who ?></td><td><?cs var:e.event ?><?cs if:e.detail ?>: <?cs if:e.words ?><?cs var:e.detail ?><?cs else ?><span lang="en"><?cs var:e.detail ?></span><?cs /if ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs if:Page.older ?><p><a href="/support/grants/<?cs var:Page.grant.id ?>?before=<?cs var:Page.older ?>" rel="next"><?cs var:Lang.Support.older ?></a></p><?cs /if ?>
<?cs else ?><p id="no-log"><?cs var:Lang.Support.no_log ?></p><?cs /if ?><?cs /if ?>
<?cs else ?>
<p><?cs var:Lang.Support.desk_intro ?></p>
<?cs if:Page.q || Page.next || Page.first ?><form method="get" action="/support/desk" class="filters" id="desk-search"><label for="q"><?cs var:Lang.Orgs.search ?></label><input type="search" id="q" name="q" maxlength="100" value="<?cs var:Page.q ?>"><button type="submit"><?cs var:Lang.Users.filter ?></button></form><?cs /if ?>
<?cs if:subcount(Page.grants) ?><div class="table-wrap"><table class="list" id="desk"><thead><tr><th scope="col"><?cs var:Lang.Orgs.name ?></th><th scope="col"><?cs var:Lang.Support.scope ?></th><th scope="col"><?cs var:Lang.Support.until_shown ?></th><th scope="col"><?cs var:Lang.Support.reason_shown ?></th><th scope="col"><?cs var:Lang.Support.by ?></th><th scope="col"></th></tr></thead>
<tbody><?cs each:g = Page.grants ?><tr id="org-<?cs var:g.org_id ?>"><td><?cs var:g.org ?></td><td><?cs var:g.scope_text ?></td><td><?cs var:g.expires ?></td><td><?cs var:g.reason ?></td><td><?cs var:g.by ?></td>
<td><form method="post" action="/support/desk/<?cs var:g.org_id ?>" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit"><?cs var:Lang.Support.enter ?></button></form></td></tr>
<?cs /each ?></tbody></table></div><?cs include:"keyset_pages.cs" ?><?cs elif:Page.q ?><p id="no-grants"><?cs var:Lang.Support.desk_none_q ?></p><?cs else ?><p id="no-grants"><?cs var:Lang.Support.desk_none ?></p><?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
