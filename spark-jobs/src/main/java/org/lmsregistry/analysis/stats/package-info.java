/**
 * Pure-Java statistics of the analysis engine: small, immutable, side-effect-free methods that
 * work on aggregated counts or small arrays (Spark does the aggregation elsewhere).
 *
 * <p>Every method is checked against R ({@code stats}, {@code survival}, {@code metafor}) on the
 * same data: estimates, confidence limits and p-values agree to 1e-6 relative, exact tests to
 * 1e-9 absolute. The R scripts that produce the reference values live in
 * {@code src/test/resources/r/}, the values themselves in {@code src/test/resources/fixtures/}.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Results are records; confidence limits are on the reported scale (odds ratio, hazard
 *       ratio, proportion) unless the field name says {@code log}.</li>
 *   <li>Invalid or uninformative input (negative counts, empty groups, no events, a zero margin
 *       that makes a statistic undefined) raises {@link java.lang.IllegalArgumentException} with a
 *       message that says what is missing. No method returns NaN without a flag that says so.</li>
 *   <li>Distributions come from Apache Commons Math; tail probabilities are computed directly
 *       (never as {@code 1 - cdf}) so that very small p-values keep their relative precision.</li>
 * </ul>
 */
package org.lmsregistry.analysis.stats;
