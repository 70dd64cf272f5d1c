using System.Buffers.Binary;
using CampaignBot.Conversations.Results;

namespace CampaignBot.Conversations.Tests.Results;

public sealed class ResultsChartTests
{
    [Fact]
    public void The_chart_is_a_png_of_the_expected_size()
    {
        var png = ResultsChart.Png("Spring sale: conversion against control",
        [
            new ChartBar("Control", 0.100, 0.095, 0.105, IsControl: true),
            new ChartBar("Email", 0.111, 0.108, 0.114, IsControl: false),
            new ChartBar("SMS", 0.104, 0.100, 0.108, IsControl: false),
        ]);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // The IHDR chunk follows the 8-byte signature and its 8-byte header: width, then height, big-endian.
        Assert.Equal(ResultsChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(ResultsChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 5_000, $"A chart of {png.Length} bytes draws too little.");
    }

    [Fact]
    public void A_chart_with_no_groups_still_renders()
    {
        var png = ResultsChart.Png("Nothing measured yet", []);

        Assert.Equal(ResultsChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
    }
}
