package dev.uoom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --json} for read commands: prints a result as text or as one line of JSON. */
final class OutputMixin {
    /** Jackson loads hundreds of classes; only a --json run pays for them. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--json", description = "Print the result as JSON instead of text.")
    private boolean json;

    /** Prints {@code result} with Jackson if {@code --json} was given, otherwise with {@code text}. */
    <T> void print(T result, BiConsumer<? super T, PrintWriter> text) throws IOException {
        PrintWriter out = mixee.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(result));
        } else {
            text.accept(result, out);
        }
        out.flush();
    }
}
