/**
 * Disclosure control of the counts that leave the analysis engine: small-cell suppression with
 * complementary suppression (threshold rule; Hundepool et al. 2012, <i>Statistical Disclosure
 * Control</i>, Wiley, chapter 4; Willenborg &amp; de Waal 2001, <i>Elements of Statistical
 * Disclosure Control</i>, chapter 6).
 */
package org.lmsregistry.analysis.disclosure;
