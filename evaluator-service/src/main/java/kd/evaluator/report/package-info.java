/**
 * The run report: the comparison table (mean ± std over seeds, with the paper's numbers beside
 * ours), PNG charts and a self-contained HTML page. Plain Java, so it renders outside a service.
 */
package kd.evaluator.report;
