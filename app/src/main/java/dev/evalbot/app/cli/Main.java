package dev.evalbot.app.cli; public final class Main { public static void main(String[] a) {} }
