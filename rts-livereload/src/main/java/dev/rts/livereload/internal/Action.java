package dev.rts.livereload.internal;

/**
 * What the browsers are told to do after a burst of file changes.
 */
enum Action {
    /** Reload the page. */
    RELOAD("reload"),
    /** Refetch the stylesheets without reloading the page. */
    UPDATE_CSS("updateCSS");

    private final String message;

    Action(String message) {
        this.message = message;
    }

    /**
     * The raw message the browser half understands.
     *
     * @return {@code "reload"} or {@code "updateCSS"}
     */
    String message() {
        return message;
    }
}
