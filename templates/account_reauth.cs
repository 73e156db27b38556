<?cs # account_reauth.cs: confirm the password before a sensitive change (SES-07, AUTH-09); with Page.resume, the
   change the user sent before the password was asked, ready to send again as it was. ?><?cs if:Page.resume.action ?><?cs set:Page.title = Lang.Account.resume_title ?><?cs else ?><?cs set:Page.title = Lang.Account.reauth_title ?><?cs /if ?><?cs include:"header.cs" ?>
<h1><?cs var:Page.title ?></h1>
<?cs if:Page.resume.action ?>
<p class="info" role="status"><?cs var:Lang.Account.resume_intro ?></p>
<form method="post" action="<?cs var:Page.resume.action ?>" class="card" id="resume">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs each:f = Page.resume.fields ?><input type="hidden" name="<?cs var:f.name ?>" value="<?cs var:f.value ?>">
<?cs /each ?><button type="submit"><?cs var:Lang.Account.resume_submit ?></button>
<a href="<?cs var:Page.resume.back ?>"><?cs var:Lang.Account.resume_cancel ?></a>
</form>
<?cs else ?>
<p><?cs var:Lang.Account.reauth_intro ?></p>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="/account/reauth" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
<label for="password"><?cs var:Lang.Login.password ?></label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128" autofocus<?cs if:Page.error ?> aria-describedby="form-error"<?cs /if ?>>
<button type="submit"><?cs var:Lang.Account.reauth_submit ?></button>
</form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
