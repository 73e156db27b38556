<?cs # dossiers_requests.cs: the open account requests addressed to the user as a dossier's responsible person,
   each with approve (dossier, profile) or decline. ?><?cs set:Page.title = Lang.Dossiers.requests_title ?><?cs set:Req.section = "dossiers" ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/dossiers"><?cs var:Lang.Dossiers.title ?></a> ›</p>
<h1><?cs var:Lang.Dossiers.requests_title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:subcount(Page.requests) ?><?cs each:q = Page.requests ?>
<section class="card" id="request-<?cs var:q.id ?>" aria-labelledby="rq-<?cs var:q.id ?>">
<h2 id="rq-<?cs var:q.id ?>"><?cs var:q.name ?> <span class="hint">(<?cs var:q.email ?>)</span></h2>
<p><?cs var:Lang.Dossiers.request_from ?> <?cs var:q.by ?>, <?cs var:q.when ?><?cs if:q.dossier ?> · <?cs var:q.dossier ?><?cs /if ?></p>
<?cs if:q.note ?><blockquote><?cs var:q.note ?></blockquote><?cs /if ?>
<form method="post" action="/dossiers/requests/<?cs var:q.id ?>" class="inline-form">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="decision" value="approve">
<label for="d-<?cs var:q.id ?>"><?cs var:Lang.Dossiers.req_dossier ?></label><select id="d-<?cs var:q.id ?>" name="dossier"><?cs each:d = Page.mine ?><option value="<?cs var:d.id ?>"<?cs if:d.id == q.dossier_id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select>
<label for="p-<?cs var:q.id ?>"><?cs var:Lang.Dossiers.profile ?></label><select id="p-<?cs var:q.id ?>" name="profile"><?cs each:p = Page.profiles ?><option value="<?cs var:p.id ?>"<?cs if:p.id == q.profile_id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
<button type="submit"><?cs var:Lang.Dossiers.approve_request ?></button></form>
<form method="post" action="/dossiers/requests/<?cs var:q.id ?>" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="decision" value="decline">
<button type="submit" class="link"><?cs var:Lang.Dossiers.decline_request ?></button></form>
</section>
<?cs /each ?><?cs else ?><p id="no-requests"><?cs var:Lang.Dossiers.no_requests ?></p><?cs /if ?>
<?cs include:"footer.cs" ?>
