<?cs # footer.cs: the bottom of every page. ?></main>
<footer class="foot"><p><?cs var:Lang.Common.footer ?></p></footer>
</body>
</html>
