using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Robustness;

/// <summary>Fix safety finds "the same location" after a fix through this mapping; it must be right.</summary>
public class MapPositionTests
{
    [Theory]
    [InlineData(2, 0, "xyz", 10, 13)] // insertion before: shifted
    [InlineData(2, 4, "", 10, 6)] // deletion before: shifted back
    [InlineData(10, 0, "key, ", 10, 15)] // insertion right at the diagnostic: shifted
    [InlineData(12, 3, "abcdef", 10, 10)] // change after: unchanged
    [InlineData(8, 5, "q", 10, 10)] // change across the start: left in place
    public void Maps_a_position_through_a_change(int start, int length, string newText, int position, int expected) =>
        Assert.Equal(expected, FixSafetyTests.MapPosition(new[] { new TextChange(new TextSpan(start, length), newText) }, position));
}
