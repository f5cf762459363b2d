function (client) {
    // The server sends 'reload' or 'updateCSS' after client files changed.
    function reload() {
        location.reload();
    }

    // Refetch same-origin stylesheets by changing a cache-busting parameter; the page keeps its state.
    function updateCss() {
        var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
        var stamp = String(Date.now());
        for (var i = 0; i < links.length; i++) {
            var url = new URL(links[i].href, location.href);
            if (url.origin === location.origin) {
                url.searchParams.set('_rts', stamp);
                links[i].href = url.href;
            }
        }
    }

    client.onmessage = function (msg) {
        if (msg === 'reload') {
            reload();
        } else if (msg === 'updateCSS') {
            updateCss();
        }
    };

    return { reload: reload, updateCss: updateCss };
}
