<?cs # verify_sms.cs: the second step of the login: the SMS code (/verify_sms). ?><?cs set:Page.title = Lang.Verify.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Verify.title ?></h1>
<?cs if:Page.mobile ?><p><?cs var:Lang.Verify.sent_to ?> <strong><?cs var:Page.mobile ?></strong>.</p><?cs /if ?>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="code-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="/verify_sms" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
<label for="code"><?cs var:Lang.Verify.code ?></label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" minlength="6" maxlength="7" required autofocus<?cs if:Page.error ?> aria-describedby="code-error"<?cs /if ?>>
<button type="submit"><?cs var:Lang.Verify.submit ?></button>
</form>
<form method="post" action="/verify_sms/resend" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
<button type="submit" class="secondary"><?cs var:Lang.Verify.resend ?></button>
</form>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<button type="submit" class="link"><?cs var:Lang.Verify.cancel ?></button>
</form>
<?cs include:"footer.cs" ?>
