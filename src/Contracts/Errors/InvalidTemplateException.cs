namespace Grid.Contracts.Errors;

/// <summary>A template that cannot be enrolled or searched (wrong size, NaN, zero).</summary>
[GenerateSerializer, Alias("grid.InvalidTemplateException")]
public class InvalidTemplateException : GridException
{
    public InvalidTemplateException(string message)
        : base(GridErrorCodes.InvalidTemplate, message)
    {
    }

    public InvalidTemplateException(string message, Exception inner)
        : base(GridErrorCodes.InvalidTemplate, message, inner)
    {
    }
}
