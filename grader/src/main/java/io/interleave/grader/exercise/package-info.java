/** Exercise manifests and the catalog of exercises bundled in the grader. */
package io.interleave.grader.exercise;
