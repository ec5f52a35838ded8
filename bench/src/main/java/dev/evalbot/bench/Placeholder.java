package dev.evalbot.bench; final class Placeholder {}
