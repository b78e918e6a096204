import MiniNN

extension Course {
    /// Lesson 7: a kernel sliding over an image, by hand.
    public static let convolution = Lesson(
        id: 7,
        slug: "convolution",
        title: "Convolution",
        summary: "A small kernel slides over the image: edges, sharpening, and far fewer weights.",
        learn: [
            "what a convolution computes at each position",
            "how kernel size, stride and padding set the output size",
            "why a conv layer has far fewer weights than a dense one",
        ],
        text: """
        A convolution kernel is a small grid of weights, here 3×3. Lay it on \
        the image, multiply each weight by the pixel beneath it, add the nine \
        products: that is one output pixel. Slide one step and repeat. The \
        output is a new image, a feature map, whose values are largest \
        wherever the patch underneath looks like the kernel.

        The kernels here are made by hand. The vertical-edge kernel has −1 in \
        its left column and +1 in its right: on flat paper or flat ink the \
        two cancel to 0, and where ink starts on the right it gives a strong \
        positive response; where ink ends, a strong negative one. Its map \
        takes the sign's colors, read on the scale drawn under it. The \
        horizontal one does the same for top and bottom. The \
        sharpen kernel is 5 in the centre and −1 above, below, left and right: \
        it leaves flat areas alone (5 − 4 = 1) and exaggerates any difference \
        from the neighbours. A blur kernel averages.

        Size arithmetic: an n×n image, a k×k kernel, stride s (the step) and \
        padding p (zeros added around the border) give an output of \
        ⌊(n + 2p − k) / s⌋ + 1 pixels per side. For 28×28 with k = 3, p = 0 \
        and s = 1 that is 26; padding 1 keeps it 28; stride 2 halves it.

        The weights are shared: the same nine numbers are used at every \
        position. So a conv layer with C_in input channels, C_out kernels of \
        size k×k has C_out · (C_in · k² + 1) parameters, whatever the image \
        size. Eight 3×3 kernels on a digit cost 80 parameters. A dense layer \
        mapping the 784 pixels to eight 26×26 maps would need 784 · 5,408 + \
        5,408, over four million. Sharing is also why a stroke is recognised \
        anywhere in the image: the kernel looks for it everywhere.

        Nothing trains here. Pick a kernel, a stride and a padding and look.
        """,
        data: nil,
        model: nil,
        knobs: Hyperparameters(),
        panel: [.handKernel, .stride, .padding],
        experiments: [
            Experiment("Compare the two edge kernels",
                       keys: [.select(.handKernel), .press("+"), .expect(.handKernel, "horizontal edge")],
                       expect: "vertical edge, the start, is strongly positive on one side of each upright stroke and strongly negative on the other, the two ends of the scale under the map; horizontal edge does the same above and below the flat strokes. Flat paper stays 0 for both.",
                       done: { $0.knobs.handKernel == .horizontalEdge }),
            Experiment("Pick sharpen",
                       keys: [.select(.handKernel), .press("+", times: 2), .expect(.handKernel, "sharpen")],
                       expect: "the digit looks crisper; a uniformly inked or blank area stays as it was.",
                       done: { $0.knobs.handKernel == .sharpen }),
            Experiment("Set stride 2, then padding 1",
                       keys: [.select(.stride), .press("+"), .expect(.stride, "2"), .select(.padding), .press("+"), .expect(.padding, "1")],
                       expect: "the output shrinks to 13×13; padding adds a border and it grows to 14×14.",
                       done: { $0.knobs.stride == 2 && $0.knobs.padding == 1 }),
        ],
        visuals: [.handConvolution],
        defaultSpeed: .full)
}
