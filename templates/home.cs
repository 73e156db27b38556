<?cs # home.cs: "Mijn portaal": who you are, your organisation, your roles and the rights they give. ?><?cs set:Page.title = Lang.Home.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Home.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<section class="card" aria-labelledby="h-you">
<h2 id="h-you"><?cs var:Lang.Home.you ?></h2>
<dl class="facts">
<dt><?cs var:Lang.Home.name ?></dt><dd id="me-name"><?cs var:Session.name ?></dd>
<dt><?cs var:Lang.Home.email ?></dt><dd><?cs var:Session.email ?></dd>
<dt><?cs var:Lang.Home.mobile ?></dt><dd><?cs if:Page.mobile ?><?cs var:Page.mobile ?><?cs else ?><?cs var:Lang.Home.no_mobile ?><?cs /if ?></dd>
<dt><?cs var:Lang.Home.org ?></dt><dd id="me-org"><?cs var:Session.org ?></dd>
<?cs if:Page.last_login ?><dt><?cs var:Lang.Home.last_login ?></dt><dd><?cs var:Page.last_login ?></dd><?cs /if ?>
</dl>
</section>
<section class="card" aria-labelledby="h-roles">
<h2 id="h-roles"><?cs var:Lang.Home.roles ?></h2>
<?cs if:subcount(Page.roles) ?><ul class="roles">
<?cs each:role = Page.roles ?><li><strong><?cs var:role.name ?></strong><?cs if:subcount(role.rights) ?>
<ul><?cs each:right = role.rights ?><li><?cs var:right ?></li><?cs /each ?></ul><?cs /if ?></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Home.no_roles ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
