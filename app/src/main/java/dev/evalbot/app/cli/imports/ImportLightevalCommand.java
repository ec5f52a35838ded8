package dev.evalbot.app.cli.imports;

import picocli.CommandLine.Command;

/**
 * {@code evalbot import lighteval RESULTS.json...}: .eval_results entries from lighteval results
 * files, one per task of each file, mapped, scaled and validated exactly as {@code import inspect}
 * does (the files are read by the same reader, which tells the two formats apart).
 */
@Command(name = "lighteval", mixinStandardHelpOptions = true,
        description = "Prints .eval_results entries read from lighteval results files (results_<timestamp>.json: one "
                + "entry per task; a directory gives every file in it). Exit 0: printed; 1: the entries would not "
                + "validate; 2: something could not be read or inferred (the message names the flag).")
public final class ImportLightevalCommand extends ImportInspectCommand {}
