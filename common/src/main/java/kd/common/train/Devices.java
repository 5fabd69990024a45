package kd.common.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;

/** Turns the {@code device} setting into a DJL device, never falling back silently. */
public final class Devices {

    public static final List<String> SETTINGS = List.of("auto", "cpu", "gpu");

    private Devices() {}

    static void check(String setting) {
        if (setting != null && !SETTINGS.contains(setting)) {
            throw new IllegalArgumentException(
                    "unknown device '" + setting + "'; known: " + String.join(", ", SETTINGS));
        }
    }

    /**
     * {@code auto}: the first GPU when the engine sees one, else the CPU; {@code cpu}; {@code gpu}:
     * the first GPU, or an {@link IllegalStateException} when the engine sees none.
     */
    public static Device select(String setting) {
        check(setting);
        String s = setting == null ? "auto" : setting;
        int gpus = Engine.getInstance().getGpuCount();
        return switch (s) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalStateException(
                            "device 'gpu' was asked for but the PyTorch engine sees no GPU"
                                    + " (CPU build of libtorch, or no CUDA device)");
                }
                yield Device.gpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
