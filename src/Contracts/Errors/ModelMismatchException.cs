namespace Grid.Contracts.Errors;

/// <summary>A template made by another face model than the gallery's.</summary>
[GenerateSerializer, Alias("grid.ModelMismatchException")]
public class ModelMismatchException : GridException
{
    public ModelMismatchException(string message)
        : base(GridErrorCodes.ModelMismatch, message)
    {
    }

    public ModelMismatchException(string message, Exception inner)
        : base(GridErrorCodes.ModelMismatch, message, inner)
    {
    }
}
