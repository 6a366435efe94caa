using Dashboard.Learning.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Learning.Tests.Sequences;

public class TorchRuntimeTests
{
    [Fact]
    public void Status_SaysTorchSharpLoaded_OnThisMachine()
    {
        Assert.True(TorchRuntime.IsAvailable, TorchRuntime.Status.Message);
        Assert.StartsWith("TorchSharp loaded", TorchRuntime.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unavailable_GivesTheLoadersOwnWords_AndSaysTheBaselinesRemain()
    {
        var failure = new DllNotFoundException(
            "Unable to load shared library 'x.so' or one of its dependencies. Consider using strace.\n/lib/libstdc++.so.6: version `GLIBCXX_9' not found (required by x.so)\n");

        var status = TorchRuntime.Unavailable(failure);

        Assert.False(status.IsAvailable);
        Assert.Equal(
            "libtorch cannot load here: /lib/libstdc++.so.6: version `GLIBCXX_9' not found (required by x.so); sequence models are disabled, baselines only",
            status.Message);
    }

    [Fact]
    public void PatchedCopy_LivesOutsideTheBuildOutput_AndTheOriginalIsUnchanged()
    {
        TorchRuntime.EnsureAvailable();
        if (TorchRuntime.Status.PatchedCopy is not { } copy)
        {
            return; // This system's libstdc++ is new enough: nothing was patched.
        }

        Assert.False(copy.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal), copy);
        var original = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.Equal(ElfVersionNeeds.MarkWeak(File.ReadAllBytes(original), "GLIBCXX_3.4.32"), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Gru_OneStepWithFixedWeights_MatchesTheGruEquations()
    {
        TorchRuntime.EnsureAvailable();
        const int inputSize = 2, hiddenSize = 2;
        float[] weightIh = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f, 0.9f, 0.05f, -0.15f, 0.25f]; // rows r, z, n
        float[] weightHh = [0.2f, 0.1f, -0.3f, 0.5f, 0.4f, -0.6f, 0.1f, 0.2f, -0.7f, 0.3f, 0.6f, -0.4f];
        float[] biasIh = [0.01f, -0.02f, 0.03f, 0.04f, -0.05f, 0.06f];
        float[] biasHh = [-0.03f, 0.02f, 0.05f, -0.01f, 0.07f, -0.04f];
        float[] x = [0.5f, -1.0f];
        float[] h0 = [0.3f, -0.2f];
        using var scope = NewDisposeScope();
        using var gru = nn.GRU(inputSize, hiddenSize, batchFirst: true);
        using (no_grad())
        {
            gru.get_parameter("weight_ih_l0")!.copy_(tensor(weightIh).reshape(3 * hiddenSize, inputSize));
            gru.get_parameter("weight_hh_l0")!.copy_(tensor(weightHh).reshape(3 * hiddenSize, hiddenSize));
            gru.get_parameter("bias_ih_l0")!.copy_(tensor(biasIh));
            gru.get_parameter("bias_hh_l0")!.copy_(tensor(biasHh));
        }

        var (output, hidden) = gru.call(tensor(x).reshape(1, 1, inputSize), tensor(h0).reshape(1, 1, hiddenSize));

        Assert.Equal([1L, 1, hiddenSize], output.shape);
        Assert.Equal([1L, 1, hiddenSize], hidden.shape);
        var expected = GruStep(x, h0, weightIh, weightHh, biasIh, biasHh);
        var actual = output.data<float>().ToArray();
        for (var j = 0; j < hiddenSize; j++)
        {
            Assert.Equal(expected[j], actual[j], 5);
        }
    }

    /// <summary>r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.</summary>
    private static double[] GruStep(float[] x, float[] h, float[] wIh, float[] wHh, float[] bIh, float[] bHh)
    {
        var size = h.Length;
        double Input(int row) => bIh[row] + x.Select((v, k) => wIh[(row * x.Length) + k] * (double)v).Sum();
        double Hidden(int row) => bHh[row] + h.Select((v, k) => wHh[(row * size) + k] * (double)v).Sum();
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        return [.. Enumerable.Range(0, size).Select(j =>
        {
            var r = Sigmoid(Input(j) + Hidden(j));
            var z = Sigmoid(Input(size + j) + Hidden(size + j));
            var n = Math.Tanh(Input((2 * size) + j) + (r * Hidden((2 * size) + j)));
            return ((1 - z) * n) + (z * h[j]);
        })];
    }
}
