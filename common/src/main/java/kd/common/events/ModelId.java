package kd.common.events;

/**
 * Which trained model an event is about.
 *
 * @param role {@code teacher} or {@code student}
 * @param model architecture name
 * @param seed training seed
 * @param teacher model name of the teacher a student was distilled from; null for a baseline
 */
public record ModelId(String role, String model, int seed, String teacher) {

    public static ModelId teacher(String model, int seed) {
        return new ModelId("teacher", model, seed, null);
    }

    public static ModelId student(String model, int seed, String teacher) {
        return new ModelId("student", model, seed, teacher);
    }

    public boolean distilled() {
        return teacher != null;
    }

    /** The model's variant without the seed, as it appears in result tables. */
    public String variant() {
        return distilled() ? model + "<-" + teacher : model;
    }

    /** A name usable in object keys and metric tags. */
    public String key() {
        return role + "-" + model + (distilled() ? "-from-" + teacher : "") + "-s" + seed;
    }
}
