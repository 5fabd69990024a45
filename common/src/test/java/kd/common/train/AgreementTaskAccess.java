package kd.common.train;

import java.util.List;
import kd.common.data.Example;

/** Lets tests in other packages use the synthetic agreement task. */
public final class AgreementTaskAccess {

    private AgreementTaskAccess() {}

    public static List<Example> examples(int n) {
        return AgreementTask.generate(n, 99);
    }
}
