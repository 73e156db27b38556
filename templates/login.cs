<?cs # login.cs: the password step of the login (/login). The e-mail address is not echoed back, so a
   failed login looks the same whether or not the account exists (AUTH-03). ?><?cs set:Page.title = Lang.Login.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Login.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="login-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="/login" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
<label for="email"><?cs var:Lang.Login.email ?></label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" autofocus<?cs if:Page.error ?> aria-describedby="login-error"<?cs /if ?>>
<label for="password"><?cs var:Lang.Login.password ?></label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128">
<button type="submit"><?cs var:Lang.Login.submit ?></button>
</form>
<p class="hint"><?cs var:Lang.Login.sms_hint ?></p>
<p><a href="/password/forgot" id="forgot-link"><?cs var:Lang.Pw.forgot_link ?></a> · <a href="/dossiers/request" id="request-link"><?cs var:Lang.Dossiers.request_link ?></a></p>
<?cs include:"footer.cs" ?>
