namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Findings of one search for a CUDA GPU: which driver library names loaded, the driver
/// version, and every GPU the driver listed with whether ILGPU can use it.
/// </summary>
/// <param name="Libraries">One line per library name tried, such as "libcuda.so.1: loaded".</param>
/// <param name="Driver">Driver version, such as "12.8", or why it is unknown.</param>
/// <param name="Devices">
/// One line per GPU the driver listed, with the reason it is unusable.
/// </param>
/// <param name="UsableDeviceId">CUDA ordinal of the first usable GPU, or null when none is.</param>
internal sealed record CudaProbeReport(
    IReadOnlyList<string> Libraries,
    string Driver,
    IReadOnlyList<string> Devices,
    int? UsableDeviceId)
{
    /// <summary>Whether a GPU that ILGPU can run kernels on was found.</summary>
    public bool HasUsableGpu => UsableDeviceId is not null;

    /// <summary>
    /// Describes the findings in one paragraph, for errors and selection reasons.
    /// </summary>
    public string Describe()
    {
        string libraries = Libraries.Count == 0 ? "none tried" : string.Join("; ", Libraries);
        string devices = Devices.Count == 0 ? "none listed" : string.Join("; ", Devices);
        return $"Driver library: {libraries}. CUDA driver: {Driver}. GPUs: {devices}.";
    }
}
