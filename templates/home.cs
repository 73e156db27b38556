<?cs # home.cs: "Mijn portaal", the user's start: what waits for them (Page.todo, and for admins the holiday
   checklist), then who they are, their organisation, their roles and the rights they give. ?><?cs set:Page.title = Lang.Home.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Home.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<section class="card todo" aria-labelledby="h-todo">
<h2 id="h-todo"><?cs var:Lang.Home.todo ?></h2>
<?cs if:subcount(Page.todo) || (Page.manage && !Page.check.ok) ?><ul>
<?cs if:Page.todo.waiting ?><li id="todo-waiting"><a href="/incidents?status=waiting"><?cs var:Page.todo.waiting ?> <?cs if:Page.todo.org ?><?cs if:Page.todo.waiting == 1 ?><?cs var:Lang.Home.org_waiting_one ?><?cs else ?><?cs var:Lang.Home.org_waiting ?><?cs /if ?><?cs elif:Page.todo.waiting == 1 ?><?cs var:Lang.Home.waiting_one ?><?cs else ?><?cs var:Lang.Home.waiting ?><?cs /if ?></a></li><?cs /if ?>
<?cs if:Page.todo.queue ?><li id="todo-queue"><a href="/incidents/queue?status=new"><?cs var:Page.todo.queue ?> <?cs if:Page.todo.queue == 1 ?><?cs var:Lang.Home.queue_one ?><?cs else ?><?cs var:Lang.Home.queue ?><?cs /if ?></a></li><?cs /if ?>
<?cs if:Page.todo.approve ?><li id="todo-approve"><a href="<?cs if:Page.todo.approve_dossier ?>/dossiers/<?cs var:Page.todo.approve_dossier ?>/documents<?cs else ?>/dossiers<?cs /if ?>"><?cs var:Page.todo.approve ?> <?cs if:Page.todo.approve == 1 ?><?cs var:Lang.Home.approve_one ?><?cs else ?><?cs var:Lang.Home.approve ?><?cs /if ?></a></li><?cs /if ?>
<?cs if:Page.todo.grant_until ?><li id="todo-grant"><?cs var:Lang.Home.grant ?> <?cs var:Page.todo.grant_until ?>. <a href="/support"><?cs var:Lang.Home.grant_link ?></a></li><?cs /if ?>
<?cs if:Page.todo.grants ?><li id="todo-grants"><a href="/support/desk"><?cs var:Page.todo.grants ?> <?cs if:Page.todo.grants == 1 ?><?cs var:Lang.Home.grants_one ?><?cs else ?><?cs var:Lang.Home.grants ?><?cs /if ?></a></li><?cs /if ?>
<?cs if:Page.manage && !Page.check.ok ?><?cs include:"checklist.cs" ?><?cs /if ?>
</ul><?cs else ?><p id="todo-none"><?cs var:Lang.Home.todo_none ?></p><?cs /if ?>
</section>
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
