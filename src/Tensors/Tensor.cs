namespace NativeGan.Tensors;

/// <summary>
/// A float32 tensor with contiguous row-major storage on the host CPU or in the memory of a
/// GPU or CPU-accelerator <see cref="Gpu.ComputeDevice"/>.
/// </summary>
/// <remarks>
/// A host tensor's <see cref="Data"/> contains exactly <see cref="Length"/> values. A device
/// tensor has no <see cref="Data"/>: ops run where their inputs are, and values move only by
/// explicit copies (<see cref="To"/>, <see cref="CopyFrom"/>, <see cref="Item"/>).
/// <see cref="Reshape"/> returns a view that shares the storage, so writes through either
/// are visible in both.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>Creates a tensor of zeros with the given shape.</summary>
    public Tensor(params int[] shape)
        : this(new Shape(shape))
    {
    }

    /// <summary>Creates a tensor of zeros with the given shape.</summary>
    public Tensor(Shape shape)
    {
        // TODO: Take storage from a per-device buffer pool, because every op allocating its
        // output doubles a DCGAN run's peak memory against libtorch.
        Shape = shape;
        _data = new float[shape.ElementCount];
    }

    /// <summary>Wraps <paramref name="data"/> without copying; its length must match the shape.</summary>
    public Tensor(float[] data, params int[] shape)
        : this(data, new Shape(shape))
    {
    }

    /// <summary>Wraps <paramref name="data"/> without copying; its length must match the shape.</summary>
    public Tensor(float[] data, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != shape.ElementCount)
        {
            throw new ArgumentException(
                $"Data of length {data.Length} does not fit shape {shape}, which has " +
                $"{shape.ElementCount} elements.", nameof(data));
        }

        Shape = shape;
        _data = data;
    }

    /// <summary>Dimensions of the tensor.</summary>
    public Shape Shape { get; }

    /// <summary>Row-major host storage; its length equals <see cref="Length"/>.</summary>
    /// <exception cref="InvalidOperationException">The tensor lives on a device.</exception>
    public float[] Data => _data ?? throw NotOnHost();

    /// <summary>Number of elements.</summary>
    public int Length => Shape.ElementCount;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Storage as a span.</summary>
    public Span<float> AsSpan() => Data;

    /// <summary>Element at a full index, one coordinate per dimension.</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public float this[params int[] index]
    {
        get => Data[FlatIndex(index)];
        set => Data[FlatIndex(index)] = value;
    }

    /// <summary>Creates a tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(shape);

    /// <summary>Creates a tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var tensor = new Tensor(shape);
        tensor.Data.AsSpan().Fill(value);
        return tensor;
    }

    /// <summary>Creates a tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>Creates a rank-0 tensor holding one value.</summary>
    public static Tensor Scalar(float value) => new([value], new Shape());

    /// <summary>Copies <paramref name="values"/> into a new tensor of the given shape.</summary>
    public static Tensor FromArray(float[] values, params int[] shape) =>
        new((float[])values.Clone(), shape);

    /// <summary>
    /// Returns a view with a new shape over the same storage. One dimension may be -1,
    /// in which case it is inferred from the element count.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        int[] resolved = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] < -1)
            {
                throw new ArgumentException(
                    $"Cannot reshape {Shape} to ({string.Join(", ", shape)}): dimension " +
                    $"{resolved[i]} is invalid; sizes must be non-negative or -1.");
            }

            if (resolved[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException(
                        $"Cannot reshape {Shape} to ({string.Join(", ", shape)}): " +
                        "only one dimension can be -1.");
                }

                inferred = i;
            }
            else
            {
                known *= resolved[i];
            }
        }

        if (inferred >= 0 && known > 0 && Length % known == 0)
        {
            resolved[inferred] = (int)(Length / known);
        }

        var target = new Shape(resolved.Select(d => Math.Max(d, 0)).ToArray());
        if (inferred >= 0 && resolved[inferred] == -1 || target.ElementCount != Length)
        {
            throw new ArgumentException(
                $"Cannot reshape {Shape} ({Length} elements) to " +
                $"({string.Join(", ", shape)}).");
        }

        return _deviceStorage is null
            ? new Tensor(Data, target)
            : new Tensor(_deviceStorage.Reshape(target.ToArray()));
    }

    /// <summary>Copies the tensor into new storage on the same device.</summary>
    public Tensor Clone()
    {
        if (_deviceStorage is null)
        {
            return new((float[])Data.Clone(), Shape);
        }

        var copy = Zeros(Device, Shape);
        copy.DeviceStorage.CopyFrom(_deviceStorage);
        return copy;
    }

    /// <summary>
    /// Copies the values of <paramref name="source"/>, which must have the same shape and
    /// may live on another device, as torch's copy_().
    /// </summary>
    public void CopyFrom(Tensor source)
    {
        ShapeCheck.Same(this, source, nameof(CopyFrom));
        if (_deviceStorage is null && source._deviceStorage is null)
        {
            source.Data.AsSpan().CopyTo(Data);
        }
        else if (_deviceStorage is null)
        {
            source._deviceStorage!.CopyToHost(this);
        }
        else if (source._deviceStorage is null)
        {
            _deviceStorage.CopyFromHost(source);
        }
        else if (ReferenceEquals(Device, source.Device))
        {
            _deviceStorage.CopyFrom(source._deviceStorage);
        }
        else
        {
            _deviceStorage.CopyFromHost(source._deviceStorage.ToHost());
        }
    }

    /// <summary>Sets every element to zero.</summary>
    public void Clear()
    {
        if (_deviceStorage is null)
        {
            Array.Clear(Data);
        }
        else
        {
            _deviceStorage.Clear();
        }
    }

    /// <summary>
    /// Single value of a tensor with one element; for a device tensor it is copied to the
    /// host after the queued kernels finish.
    /// </summary>
    public float Item()
    {
        if (Length != 1)
        {
            throw new InvalidOperationException(
                $"Item() needs a tensor with one element, but the shape is {Shape}.");
        }

        return _deviceStorage is null ? Data[0] : _deviceStorage.ToHost().Data[0];
    }

    /// <summary>Describes the tensor by its shape and, when not on the host, its device.</summary>
    public override string ToString() =>
        _deviceStorage is null ? $"Tensor{Shape}" : $"Tensor{Shape} on {Device.Name}";

    private int FlatIndex(int[] index)
    {
        if (index.Length != Rank)
        {
            throw new ArgumentException(
                $"Index of rank {index.Length} used on a tensor of shape {Shape}.");
        }

        int flat = 0;
        for (int i = 0; i < index.Length; i++)
        {
            int dim = Shape[i];
            if ((uint)index[i] >= (uint)dim)
            {
                throw new IndexOutOfRangeException(
                    $"Index {index[i]} is out of range for dimension {i} of shape {Shape}.");
            }

            flat = flat * dim + index[i];
        }

        return flat;
    }
}
