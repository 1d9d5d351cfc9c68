package dev.uoom.cli;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.uoom.model.ModuleStatus;

/**
 * What {@code uoom status} prints; the JSON form has exactly these properties.
 *
 * @param version the module version
 * @param mode the mode as the module names it, even one this version of uoom does not know
 * @param kernel the running kernel's release
 * @param fields every key/value the module reported, in its order
 */
@JsonPropertyOrder({"version", "mode", "kernel", "fields"})
record StatusReport(String version, String mode, String kernel, Map<String, String> fields) {

    static StatusReport of(ModuleStatus status, String kernel) {
        return new StatusReport(status.version(), status.fields().get(ModuleStatus.MODE), kernel,
                status.fields());
    }
}
