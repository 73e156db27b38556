<?cs # account_reauth.cs: confirm the password before a sensitive change (SES-07, AUTH-09). ?><?cs set:Page.title = Lang.Account.reauth_title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Account.reauth_title ?></h1>
<p><?cs var:Lang.Account.reauth_intro ?></p>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="/account/reauth" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
<label for="password"><?cs var:Lang.Login.password ?></label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128" autofocus<?cs if:Page.error ?> aria-describedby="form-error"<?cs /if ?>>
<button type="submit"><?cs var:Lang.Account.reauth_submit ?></button>
</form>
<?cs include:"footer.cs" ?>
