using Grid.Contracts.Errors;
using Grid.Contracts.Templates;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

public sealed class TemplateAndSubjectRulesTests
{
    [Fact]
    public void Rows_are_normalised_in_place_and_unit_rows_left_alone()
    {
        var unit = Vectors.Unit(2, seed: 4000);
        var block = Vectors.Concat(Vectors.Row(unit, 0), Vectors.Scaled(Vectors.Row(unit, 1), 42f));
        var untouched = Vectors.Row(unit, 0);
        TemplateRules.ValidateAndNormalise(block, 2);
        Assert.Equal(untouched, block[..Vectors.Dimension]);
        Assert.Equal(1.0, Math.Sqrt(Vectors.Dot(block.AsSpan(Vectors.Dimension), block.AsSpan(Vectors.Dimension))), 1e-6);
        Assert.Equal(1.0, Vectors.Dot(block.AsSpan(Vectors.Dimension), Vectors.Row(unit, 1)), 1e-6);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinity")]
    [InlineData(float.NegativeInfinity, "infinity")]
    public void A_bad_row_is_named_and_nothing_is_changed(float value, string expected)
    {
        var block = Vectors.Unit(3, seed: 4001);
        for (var i = 0; i < Vectors.Dimension; i++) block[Vectors.Dimension + i] *= 5f; // row 1 would be normalised
        block[2 * Vectors.Dimension + 7] = value;                                      // row 2 is bad
        var original = (float[])block.Clone();
        var e = Assert.Throws<InvalidTemplateException>(() => TemplateRules.ValidateAndNormalise(block, 3));
        Assert.Contains("Template 2", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal(original, block);
    }

    [Fact]
    public void Huge_finite_values_are_normalised_not_refused()
    {
        var row = new float[Vectors.Dimension];
        row[0] = float.MaxValue; // the norm is summed in double, so it does not overflow
        row[1] = float.MaxValue;
        TemplateRules.ValidateAndNormalise(row, 1);
        Assert.Equal(MathF.Sqrt(0.5f), row[0], 1e-6f);
        Assert.Equal(MathF.Sqrt(0.5f), row[1], 1e-6f);
    }

    [Fact]
    public void Zero_and_wrong_sized_blocks_are_refused()
    {
        Assert.Contains("zero", Assert.Throws<InvalidTemplateException>(() => TemplateRules.ValidateAndNormalise(new float[Vectors.Dimension], 1)).Message);
        Assert.Throws<InvalidTemplateException>(() => TemplateRules.ValidateAndNormalise(new float[Vectors.Dimension - 1], 1));
        Assert.Throws<InvalidTemplateException>(() => TemplateRules.ValidateAndNormalise(new float[Vectors.Dimension * 2], 1));
        Assert.Throws<InvalidTemplateException>(() => TemplateRules.ValidateAndNormalise([], 1));
        TemplateRules.ValidateAndNormalise([], 0); // an empty batch is fine
    }

    [Theory]
    [InlineData("S-1")]
    [InlineData("case 42/photo 7")]
    [InlineData("ü-subject")]
    [InlineData("a")]
    public void Printable_refs_are_accepted(string subjectRef) => SubjectRefRules.Validate(subjectRef);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("a,b")]
    [InlineData("bell\a")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    public void Empty_padded_comma_and_control_refs_are_refused(string? subjectRef)
    {
        var e = Assert.Throws<InvalidSubjectRefException>(() => SubjectRefRules.Validate(subjectRef, 4));
        Assert.Contains("row 4", e.Message);
    }

    [Fact]
    public void The_length_limit_is_inclusive()
    {
        SubjectRefRules.Validate(new string('x', SubjectRefRules.MaxLength));
        Assert.Throws<InvalidSubjectRefException>(() => SubjectRefRules.Validate(new string('x', SubjectRefRules.MaxLength + 1)));
    }
}
