<?cs # error.cs: every refusal and failure: status, a message in the user's language, the request id
   (LOG-04); never database text or a stack. ?><?cs set:Page.title = Error.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Error.title ?></h1>
<p class="error" role="alert"><?cs var:Error.message ?></p>
<p class="rid"><?cs var:Lang.Err.request_id ?> <code><?cs var:Req.id ?></code></p>
<p><a href="/home"><?cs var:Lang.Err.back ?></a></p>
<?cs include:"footer.cs" ?>
