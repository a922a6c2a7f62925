package io.interleave.grader.cli;

import io.interleave.grader.publish.Annotation;
import io.interleave.grader.publish.GitHubPublisher;
import io.interleave.grader.publish.PublishException;
import io.interleave.grader.publish.StickyComment;
import io.interleave.grader.report.GradeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code grader publish github}: sticky pull-request comment, job summary and annotations, from the Actions environment. */
@Command(name = "github", header = "Posts the report on the pull request as one sticky comment, writes the job summary"
        + " and annotates compile errors and broken rules; reads GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH,"
        + " GITHUB_API_URL and GITHUB_STEP_SUMMARY.")
public final class PublishGitHubCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PublishOptions options;

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
        for (Annotation annotation : Annotation.of(shown, options.root)) {
            out.println(annotation.workflowCommand());
        }
        out.flush();
        String summary = options.env("GITHUB_STEP_SUMMARY");
        if (summary != null) {
            GitHubPublisher.summary(Path.of(summary), markdown);
        }
        String event = options.env("GITHUB_EVENT_PATH");
        Optional<Integer> pullRequest = event == null ? Optional.empty() : GitHubPublisher.pullRequest(Path.of(event));
        if (pullRequest.isEmpty()) {
            err.println("grader: no pull request in this workflow's event" + (event == null ? " (GITHUB_EVENT_PATH is not set)" : "")
                    + "; wrote the job summary and annotations only");
            return ExitCodes.FULL_MARKS;
        }
        String token = options.env("GITHUB_TOKEN");
        String repository = options.env("GITHUB_REPOSITORY");
        if (token == null || repository == null) {
            err.println("grader: set " + (token == null ? "GITHUB_TOKEN (env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})" : "GITHUB_REPOSITORY")
                    + " to comment on pull request #" + pullRequest.get());
            return ExitCodes.USAGE;
        }
        String api = Optional.ofNullable(options.env("GITHUB_API_URL")).orElse("https://api.github.com");
        try {
            String url = new GitHubPublisher(api, repository, token, options.retryPause()).comment(pullRequest.get(), sticky, markdown);
            out.println("Posted the report on pull request #" + pullRequest.get() + (url.isEmpty() ? "" : ": " + url));
            out.flush();
            return ExitCodes.FULL_MARKS;
        } catch (PublishException e) {
            err.println("grader: " + e.getMessage());
            return ExitCodes.PUBLISH_FAILED;
        }
    }
}
