package org.lmsregistry.web.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobProgressTest {

    @Test
    void progressLinesMoveTheBarWithinTheStepAndNeverBack() {
        JobProgress p = new JobProgress();
        p.begin(JobProgress.Step.SNAPSHOT);
        assertThat(p.percent()).isZero();
        assertThat(p.accept("lms-progress jobs=0/1 stages=0/1 tasks=4/8")).isTrue();
        assertThat(p.percent()).isEqualTo(14); // half of the snapshot's 0-29
        // Spark discovers a new stage: the share of done tasks falls, the bar does not
        assertThat(p.accept("lms-progress jobs=1/2 stages=1/2 tasks=8/40")).isFalse();
        assertThat(p.percent()).isEqualTo(14);
        assertThat(p.accept("lms-progress jobs=2/2 stages=2/2 tasks=40/40")).isTrue();
        assertThat(p.percent()).as("a step's end is only reached when the child exits").isEqualTo(29);

        p.begin(JobProgress.Step.ANALYSIS);
        assertThat(p.percent()).isEqualTo(30);
        p.accept("lms-progress jobs=3/4 stages=9/10 tasks=90/100");
        assertThat(p.percent()).isEqualTo(30 + (int) Math.floor(64 * 0.9));
        p.begin(JobProgress.Step.STORING);
        assertThat(p.percent()).isEqualTo(95);
        assertThat(p.step()).isEqualTo(JobProgress.Step.STORING);
    }

    @Test
    void otherLinesAndMalformedProgressAreIgnored() {
        JobProgress p = new JobProgress();
        assertThat(p.accept("19:40:01 WARN NativeCodeLoader: Unable to load native-hadoop library")).isFalse();
        assertThat(p.accept("lms-progress tasks=lots")).isFalse();
        assertThat(p.accept("lms-progress jobs=1/1 stages=1/1 tasks=5/0")).isFalse();
        assertThat(p.accept(null)).isFalse();
        assertThat(JobProgress.tasksDone("lms-progress jobs=1/2 stages=3/4 tasks=5/6")).get()
                .satisfies(t -> assertThat(t).containsExactly(5, 6));
        assertThat(p.percent()).isZero();
    }
}
