<?cs # footer.cs: the bottom of every page: the support desk's contact details (configured in [support]). ?></main>
<footer class="foot"><p><?cs var:Lang.Common.footer ?></p>
<p class="support"><?cs var:Lang.Common.support ?> <?cs var:Support.name ?><?cs if:Support.phone ?> · <?cs var:Lang.Common.phone ?> <a href="tel:<?cs var:Support.phone ?>"><?cs var:Support.phone ?></a><?cs /if ?><?cs if:Support.email ?> · <a href="mailto:<?cs var:Support.email ?>"><?cs var:Support.email ?></a><?cs /if ?><?cs if:Support.hours ?> · <?cs var:Support.hours ?><?cs /if ?></p></footer>
</body>
</html>
