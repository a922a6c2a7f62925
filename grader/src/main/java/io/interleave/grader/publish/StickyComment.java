package io.interleave.grader.publish;

/** The hidden marker that finds the grader's one comment on a pull or merge request again, so it is edited, not repeated. */
public record StickyComment(String key) {
    public StickyComment {
        if (key == null || !key.matches("[\\w.-]+")) {
            throw new IllegalArgumentException("the marker must be letters, digits, '.', '_' or '-', was '" + key + "'");
        }
    }

    public String marker() {
        return "<!-- interleave-grader:" + key + " -->";
    }

    /** The comment's body: the marker, then the Markdown report. */
    public String body(String markdown) {
        return marker() + "\n" + markdown;
    }

    public boolean marks(String body) {
        return body != null && body.contains(marker());
    }
}
