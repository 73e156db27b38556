<?cs # dossiers_requests.cs: the open account requests addressed to the user as a dossier's responsible person,
   50 a page, each approved into the dossier it names (with a profile) or declined; with Page.one, one request
   on its own page with the dossiers to choose from (the first 200 by name, a search past them). ?><?cs set:Page.title = Lang.Dossiers.requests_title ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/dossiers"><?cs var:Lang.Dossiers.title ?></a> ›<?cs if:Page.one ?> <a href="/dossiers/requests"><?cs var:Lang.Dossiers.requests_title ?></a> ›<?cs /if ?></p>
<h1><?cs var:Lang.Dossiers.requests_title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:subcount(Page.requests) ?><?cs each:q = Page.requests ?>
<section class="card" id="request-<?cs var:q.id ?>" aria-labelledby="rq-<?cs var:q.id ?>">
<h2 id="rq-<?cs var:q.id ?>"><?cs var:q.name ?> <span class="hint">(<?cs var:q.email ?>)</span></h2>
<p><?cs var:Lang.Dossiers.request_from ?> <?cs var:q.by ?>, <?cs var:q.when ?><?cs if:q.dossier ?> · <?cs var:q.dossier ?><?cs /if ?></p>
<?cs if:q.note ?><blockquote><?cs var:q.note ?></blockquote><?cs /if ?>
<?cs if:Page.one ?><?cs if:Page.mine_more || Page.q ?>
<form method="get" action="/dossiers/requests/<?cs var:q.id ?>" class="filters" id="mine-search"><label for="q"><?cs var:Lang.Dossiers.mine_search ?></label>
<input type="search" id="q" name="q" maxlength="100" value="<?cs var:Page.q ?>"><button type="submit"><?cs var:Lang.Users.filter ?></button>
<?cs if:Page.q ?> <a href="/dossiers/requests/<?cs var:q.id ?>"><?cs var:Lang.Dossiers.mine_all ?></a><?cs /if ?></form>
<?cs if:Page.mine_more ?><p class="hint" id="mine-more"><?cs var:Lang.Dossiers.mine_more ?></p><?cs elif:Page.q && subcount(Page.mine) <= 1 ?><p class="hint" id="mine-none"><?cs var:Lang.Dossiers.mine_none ?></p><?cs /if ?><?cs /if ?>
<form method="post" action="/dossiers/requests/<?cs var:q.id ?>" class="inline-form">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="decision" value="approve">
<label for="d-<?cs var:q.id ?>"><?cs var:Lang.Dossiers.req_dossier ?></label><select id="d-<?cs var:q.id ?>" name="dossier"><?cs each:d = Page.mine ?><option value="<?cs var:d.id ?>"<?cs if:d.id == q.dossier_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select>
<?cs elif:q.mine ?><form method="post" action="/dossiers/requests/<?cs var:q.id ?>" class="inline-form">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="decision" value="approve"><input type="hidden" name="dossier" value="<?cs var:q.dossier_id ?>">
<?cs /if ?><?cs if:Page.one || q.mine ?><label for="p-<?cs var:q.id ?>"><?cs var:Lang.Dossiers.profile ?></label><select id="p-<?cs var:q.id ?>" name="profile"><?cs each:p = Page.profiles ?><option value="<?cs var:p.id ?>"<?cs if:p.id == q.profile_id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
<button type="submit"><?cs var:Lang.Dossiers.approve_request ?></button></form><?cs /if ?>
<?cs if:!Page.one ?><p><a href="/dossiers/requests/<?cs var:q.id ?>" id="pick-<?cs var:q.id ?>"><?cs if:q.mine ?><?cs var:Lang.Dossiers.request_other ?><?cs else ?><?cs var:Lang.Dossiers.request_pick ?><?cs /if ?></a></p><?cs /if ?>
<form method="post" action="/dossiers/requests/<?cs var:q.id ?>" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="decision" value="decline">
<button type="submit" class="link"><?cs var:Lang.Dossiers.decline_request ?></button></form>
</section>
<?cs /each ?><?cs include:"keyset_pages.cs" ?><?cs else ?><p id="no-requests"><?cs var:Lang.Dossiers.no_requests ?></p><?cs /if ?>
<?cs include:"footer.cs" ?>
