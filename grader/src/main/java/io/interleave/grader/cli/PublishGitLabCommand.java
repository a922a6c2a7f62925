package io.interleave.grader.cli;

import io.interleave.grader.publish.Annotation;
import io.interleave.grader.publish.GitLabPublisher;
import io.interleave.grader.publish.PublishException;
import io.interleave.grader.publish.StickyComment;
import io.interleave.grader.report.GradeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader publish gitlab}: sticky merge-request note and a Code Quality report, from the GitLab CI environment. */
@Command(name = "gitlab", header = "Posts the report on the merge request as one sticky note and writes a Code Quality"
        + " report of compile errors and broken rules; reads GITLAB_TOKEN, CI_API_V4_URL, CI_PROJECT_ID and CI_MERGE_REQUEST_IID.")
public final class PublishGitLabCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PublishOptions options;

    @Option(names = "--codequality", paramLabel = "FILE", description = "Write the findings as a GitLab Code Quality report"
            + " (artifacts: reports: codequality: FILE).")
    Path codeQuality;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GradeReport shown;
        StickyComment sticky;
        try {
            shown = options.studentReport();
            sticky = new StickyComment(options.marker);
        } catch (IllegalArgumentException e) {
            err.println("grader: " + e.getMessage());
            err.println("Try 'grader --help' for more information.");
            return ExitCodes.USAGE;
        }
        String markdown = options.markdown(shown);
        if (codeQuality != null) {
            GitLabPublisher.codeQuality(codeQuality, Annotation.of(shown, options.root));
        }
        String iid = options.env("CI_MERGE_REQUEST_IID");
        if (iid == null) {
            err.println("grader: no merge request in this pipeline (CI_MERGE_REQUEST_IID is not set: run the job in a merge"
                    + " request pipeline); nothing posted");
            return ExitCodes.FULL_MARKS;
        }
        String token = options.env("GITLAB_TOKEN");
        String api = options.env("CI_API_V4_URL");
        String project = options.env("CI_PROJECT_ID");
        if (token == null || api == null || project == null) {
            err.println("grader: set " + (token == null ? "GITLAB_TOKEN (a project access token with the api scope, in a masked variable)"
                    : api == null ? "CI_API_V4_URL" : "CI_PROJECT_ID") + " to comment on merge request !" + iid);
            return ExitCodes.USAGE;
        }
        try {
            long note = new GitLabPublisher(api, project, token, options.retryPause()).note(Integer.parseInt(iid), sticky, markdown);
            out.println("Posted the report on merge request !" + iid + " (note " + note + ")");
            out.flush();
            return ExitCodes.FULL_MARKS;
        } catch (PublishException e) {
            err.println("grader: " + e.getMessage());
            return ExitCodes.PUBLISH_FAILED;
        }
    }
}
