<?cs # dossier_request.cs: the login page's "request an account" form (public). The answer never says whether
   the contact address belongs to a dossier's responsible person. ?><?cs set:Page.title = Lang.Dossiers.request_title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Dossiers.request_title ?></h1>
<?cs if:Page.sent ?><p class="notice" role="status" id="request-sent"><?cs var:Lang.Dossiers.request_sent ?></p>
<p><a href="/login"><?cs var:Lang.Login.title ?></a></p><?cs else ?>
<p><?cs var:Lang.Dossiers.request_intro ?></p>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="/dossiers/request" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="given_name"><?cs var:Lang.Dossiers.req_given ?></label><input type="text" id="given_name" name="given_name" required maxlength="100" autocomplete="given-name">
<label for="family_name"><?cs var:Lang.Dossiers.req_family ?></label><input type="text" id="family_name" name="family_name" required maxlength="100" autocomplete="family-name">
<label for="email"><?cs var:Lang.Dossiers.req_email ?></label><input type="email" id="email" name="email" required maxlength="254" autocomplete="email">
<label for="responsible"><?cs var:Lang.Dossiers.req_responsible ?></label><input type="email" id="responsible" name="responsible" required maxlength="254" aria-describedby="resp-hint">
<p class="hint" id="resp-hint"><?cs var:Lang.Dossiers.req_responsible_hint ?></p>
<label for="note"><?cs var:Lang.Dossiers.req_note ?></label><textarea id="note" name="note" maxlength="1000" rows="3"></textarea>
<button type="submit"><?cs var:Lang.Dossiers.request_submit ?></button>
</form><?cs /if ?>
<?cs include:"footer.cs" ?>
