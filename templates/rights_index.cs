<?cs # rights_index.cs: the roles the organisation may use, with the number of holders; roles on request. ?><?cs set:Page.title = Lang.Rights.title ?><?cs set:Req.section = "users" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Rights.title ?></h1>
<p><?cs var:Lang.Rights.intro ?></p>
<div class="table-wrap"><table id="roles">
<thead><tr><th scope="col"><?cs var:Lang.Rights.role ?></th><th scope="col"><?cs var:Lang.Rights.holders ?></th></tr></thead>
<tbody>
<?cs each:ro = Page.roles ?><tr><td><a href="/rights/roles/<?cs var:ro.id ?>"><?cs var:ro.name ?></a><?cs if:ro.kind == "profile" ?> <span class="tag"><?cs var:Lang.Rights.profile ?></span><?cs /if ?></td><td><?cs var:ro.holders ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs if:subcount(Page.on_request) ?><h2><?cs var:Lang.Rights.on_request ?></h2>
<p><?cs var:Lang.Rights.on_request_intro ?></p>
<ul id="on-request"><?cs each:ro = Page.on_request ?><li><a href="/rights/roles/<?cs var:ro.id ?>"><?cs var:ro.name ?></a></li><?cs /each ?></ul><?cs /if ?>
<p><a href="/users"><?cs var:Lang.Users.back ?></a></p>
<?cs include:"footer.cs" ?>
