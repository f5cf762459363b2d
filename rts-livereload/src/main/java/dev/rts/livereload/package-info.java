/**
 * Live reload: the browser reloads when client files change, and stylesheets are swapped in place.
 *
 * <p>The service is found with {@link java.util.ServiceLoader} and mounted as {@code "livereload"}. It watches
 * directories recursively with one daemon thread ({@code rts-livereload-watcher}). After a burst of changes (an editor
 * saving several files, a {@code git checkout} writing hundreds) it sends one message to every browser:
 * {@code updateCSS} when only stylesheets changed, which refetches each {@code <link rel="stylesheet">} without
 * reloading the page, and {@code reload} for anything else, including deletions and new directories. A deleted
 * stylesheet counts as a stylesheet change, because editors delete and rewrite files when they save. Build tools can
 * trigger both actions themselves through {@link dev.rts.livereload.LiveReload}.
 *
 * <h2>Settings</h2>
 * Set with {@link dev.rts.livereload.LiveReload#builder()}, one builder method per row; the service refuses a
 * string-keyed options map.
 * <table>
 *   <caption>Settings of the live reload service</caption>
 *   <tr><th>builder method</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code dirs}</td><td>list of strings, or one string</td><td>{@code ["./client"]}</td>
 *       <td>Directories to watch, with their subdirectories. Relative paths are resolved against the working
 *       directory. A directory that does not exist yet is logged at WARN and picked up when it appears; one that is
 *       deleted and recreated keeps being watched.</td></tr>
 *   <tr><td>{@code cssExtensions}</td><td>list of strings</td><td>{@code ["css", "styl", "less", "sass", "scss"]}</td>
 *       <td>File extensions (case-insensitive, with or without the dot) that count as stylesheets.</td></tr>
 *   <tr><td>{@code ignore}</td><td>list of strings</td>
 *       <td>{@code [".*", "*~", "*.swp", "*.swx", "4913", "#*#", "*___jb_tmp___", "*___jb_old___"]}</td>
 *       <td>Files and directories whose changes are ignored: dotfiles (and dot directories such as {@code .git})
 *       and editor temporary and backup files. A pattern is a glob, or a regular expression when prefixed with
 *       {@code regex:} (a {@code glob:} prefix is also accepted). It is matched against the file name, or, when it
 *       contains {@code /}, against the path relative to the watched directory, with {@code /} separators. Giving
 *       this option replaces the default list, so repeat the defaults you want to keep.</td></tr>
 *   <tr><td>{@code throttle}</td><td>{@link java.time.Duration} or milliseconds</td><td>1 second</td>
 *       <td>How long the directories must stay quiet after a change before the browsers are told. A burst of
 *       changes yields one message; a directory that never stays quiet still yields one message every ten throttle
 *       periods. Must be positive. Missing directories are also looked for at this interval, bounded to
 *       100 ms to 1 s.</td></tr>
 *   <tr><td>{@code enabled}</td><td>boolean</td><td>{@code true}, or {@code false} in production</td>
 *       <td>Whether to watch files. When off, no thread is started; explicit triggers through
 *       {@link dev.rts.livereload.LiveReload} still work.</td></tr>
 * </table>
 *
 * <p>Symbolic links to directories are followed. On Linux each watched directory uses one inotify watch; when the
 * limit is reached a WARN line names {@code fs.inotify.max_user_watches}, and the directories not yet watched are
 * skipped. Stylesheets pulled in with {@code @import} are refreshed only by a full reload.
 */
package dev.rts.livereload;
