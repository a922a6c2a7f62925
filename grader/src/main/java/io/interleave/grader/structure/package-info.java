/** Structure stage: ArchUnit rules on the student's compiled classes (platform policy and exercise rules). */
package io.interleave.grader.structure;
