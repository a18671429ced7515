//! The apigw-designer browser app.
